using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
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
