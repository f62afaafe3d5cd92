using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.E2E;

/// <summary>The real app with the demo seed, in Debian's Chromium.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class StreamsPageTests(StreamsPageTests.DemoApp fixture) : IClassFixture<StreamsPageTests.DemoApp>
{
    [Fact]
    public async Task The_streams_page_lists_the_demo_stream_once_the_circuit_is_interactive()
    {
        await using var context = await Browser.NewSignedInContextAsync(fixture.App.BaseUrl);
        var page = await Browser.OpenAsync(context, new Uri(fixture.App.BaseUrl, "/streams"));

        var link = page.GetByTestId("stream-link").First;
        await Assertions.Expect(link).ToContainTextAsync("Demo stream");
        await Browser.ScreenshotAsync(page, "streams");

        await link.ClickAsync();
        await Assertions.Expect(page.GetByTestId("stream-title")).ToContainTextAsync("Demo stream");
        var video = page.GetByTestId("source-video");
        await Assertions.Expect(video).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("/media/accounts/"));
    }

    [Theory]
    [InlineData(390, false, false)]
    [InlineData(700, true, false)]
    [InlineData(1440, true, true)]
    public async Task The_app_bar_stays_one_line_at_any_width_and_says_what_its_icons_are(int width, bool navWords, bool accountName)
    {
        await using var context = await Browser.NewSignedInContextAsync(fixture.App.BaseUrl);
        var page = await Browser.OpenAsync(context, new Uri(fixture.App.BaseUrl, "/streams"));
        await page.SetViewportSizeAsync(width, 800);

        var bar = page.Locator("header.mud-appbar");
        var box = (await bar.BoundingBoxAsync())!;
        Assert.True(box.Height <= 64, $"the app bar is {box.Height} px high at {width} px: it wrapped");
        Assert.True(await bar.EvaluateAsync<bool>("b => [...b.querySelectorAll('*')].every(e => e.getBoundingClientRect().right <= window.innerWidth + 0.5)"),
            $"something in the app bar runs past the right edge at {width} px");
        Assert.Equal(navWords, await bar.GetByText("Streams", new() { Exact = true }).IsVisibleAsync());
        Assert.Equal(accountName, await page.GetByTestId("current-account").IsVisibleAsync());
        await Assertions.Expect(page.GetByTestId("account-switcher")).ToHaveAttributeAsync("aria-label", "Account: Demo Channel (owner)");
        await Browser.ScreenshotAsync(page, $"app-bar-{width}", fullPage: false);
    }

    [Fact]
    public async Task A_running_job_shows_under_its_streams_title_and_the_list_fits_a_1024_px_window()
    {
        int accountId, streamId;
        await using (var db = await EditorData.Db(fixture.App.Services))
        {
            (accountId, streamId) = await db.Streams.Where(s => s.Title.StartsWith("Demo stream")).Select(s => ValueTuple.Create(s.AccountId, s.Id)).SingleAsync();
        }

        await using var context = await Browser.NewSignedInContextAsync(fixture.App.BaseUrl);
        var page = await Browser.OpenAsync(context, new Uri(fixture.App.BaseUrl, "/streams"));
        await page.SetViewportSizeAsync(1024, 800);
        var (jobId, run) = await TestJob.StartAsync(fixture.App.Services, accountId, streamId, "Import chat a_long_file_name_without_any_break_in_it_v5.json");
        try
        {
            run.Report(new JobProgress("storing chat", 40));
            var row = page.Locator("tbody tr", new() { Has = page.GetByTestId("stream-link").Filter(new() { HasText = "Demo stream" }) });
            await Assertions.Expect(row.Locator($"[data-testid=job-row][data-job-id='{jobId}'] [data-testid=job-percent]")).ToHaveTextAsync("40%");

            // The job had a column of its own, empty but for a running job, which squeezed the inputs to one a line.
            await Browser.AssertFitsAsync(page.Locator(".mud-table-container"), "the list");
            var chipTops = await row.GetByTestId("input-chip").EvaluateAllAsync<double[]>("chips => chips.map(c => c.getBoundingClientRect().top)");
            Assert.True(chipTops.Distinct().Count() <= 2, $"the four inputs take {chipTops.Distinct().Count()} lines");
            await Browser.ScreenshotAsync(page, "streams-running-job-1024", fullPage: false);
        }
        finally
        {
            await run.SucceedAsync();
        }
    }

    [Fact]
    public async Task Healthz_reports_database_storage_and_clock()
    {
        using var http = fixture.App.CreateClient();
        var response = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("clock").GetProperty("status").GetString());
    }

    public sealed class DemoApp : IAsyncLifetime
    {
        public RunningApp App { get; private set; } = default!;

        public async Task InitializeAsync() => App = await RunningApp.StartAsync(seedDemo: true);

        public async Task DisposeAsync() => await App.DisposeAsync();
    }
}
