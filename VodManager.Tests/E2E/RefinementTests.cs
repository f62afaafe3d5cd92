using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core.Refinement;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>Refinement as an editor sees it: each highlight's status, its iterations, and a failure with its reason, live.</summary>
[Collection(DemoEditorCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class RefinementTests(DemoEditorApp demo) : IAsyncLifetime
{
    private IBrowserContext _context = default!;

    public async Task InitializeAsync() => _context = await Browser.NewSignedInContextAsync(demo.App.BaseUrl);

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    private static ILocator Row(IPage page, int rank) =>
        page.Locator("tbody tr", new() { Has = page.Locator($"[data-testid=rank]:text-is('{rank}')") });

    [Fact]
    public async Task The_editor_shows_the_automatic_runs_history_and_a_failed_refinement_with_its_reason_live()
    {
        // Its own highlight, refined below with a backend that cannot work here (no Gemini key is configured).
        var failing = await demo.AddHighlightAsync(start: 40, end: 50, _ => { });
        var best = demo.Cuttable[0];
        await using var db = await EditorData.Db(demo.App.Services);
        var attempts = await db.RefinementAttempts.AsNoTracking().Where(a => a.HighlightId == best.Id).OrderBy(a => a.Run).ThenBy(a => a.Iteration).ToListAsync();
        Assert.NotEmpty(attempts);
        var page = await Browser.OpenAsync(_context, demo.StreamUrl);

        // The seed's automatic run (heuristic) refined the best highlight; its iterations are listed under the row.
        var row = Row(page, best.Rank);
        await Expect(row.GetByTestId("refinement-status")).ToHaveAttributeAsync("data-status", "Refined");
        await Expect(row.GetByTestId("refinement-reason")).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Button, new() { Name = "Expand group" }).ClickAsync();
        var history = page.GetByTestId("refinement-history").Locator("tbody tr");
        await Expect(history).ToHaveCountAsync(attempts.Count);
        await Expect(history.First).ToContainTextAsync(HeuristicBackend.BackendName);
        await Expect(history.First).ToContainTextAsync(attempts[0].Reason!);

        await demo.App.Get<RefinementJobs>().RefineAsync(demo.Stream.AccountId, demo.Stream.Id, [failing.Id], GeminiBackend.BackendName, "tester", CancellationToken.None);

        var failed = Row(page, failing.Rank);
        await Expect(failed.GetByTestId("refinement-status")).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = 30_000 });
        await Expect(failed.GetByTestId("refinement-reason")).ToContainTextAsync("gemini: Refinement:Gemini:ApiKey is empty");
        await Browser.ScreenshotAsync(page, "refinement-failed");
    }
}
