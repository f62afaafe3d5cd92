using VodManager.Core.Refinement;

namespace VodManager.Tests.Refinement;

/// <summary>
/// An owner's refinement settings: what is stored is what later runs use, and a backend this server cannot run or a
/// cap beyond the server's ceiling is refused with its reason, leaving the stored settings as they were.
/// </summary>
public sealed class AccountRefinementSettingsTests
{
    [Fact]
    public async Task Saved_caps_and_backend_are_what_the_next_run_uses()
    {
        await using var s = await RefinementScenario.StartAsync(settings: new Dictionary<string, string?> { ["Refinement:MaxPerRun"] = "10" });
        var settings = s.Host.Get<AccountRefinementSettings>();
        Assert.Equal(new RefinementSettings(MockBackend.BackendName, true, 5, 50), await settings.GetAsync(s.AccountId, CancellationToken.None));
        var highlights = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            highlights.Add((await s.AddHighlightAsync(100 + 100 * i, 130 + 100 * i, score: 9 - i)).Id);
        }

        Assert.Equal(new RefinementSettings(MockBackend.BackendName, false, 2, 7), await settings.SetAsync(s.AccountId, new RefinementSettings("MOCK ", false, 2, 7), CancellationToken.None));
        Assert.Equal(new RefinementSettings(MockBackend.BackendName, false, 2, 7), await settings.GetAsync(s.AccountId, CancellationToken.None));
        var run = await s.RefineAsync();
        Assert.Equal(2, run.Results.Count(r => r.Outcome == RefineOutcome.Refined));
        Assert.Equal("cap reached (2 per run, the best-ranked first); refine it on its own", (await s.HighlightAsync(highlights[3])).RefinementReason);

        // None turns refinement off: a run is refused saying so.
        await settings.SetAsync(s.AccountId, new RefinementSettings(null, false, 2, 7), CancellationToken.None);
        var off = await Assert.ThrowsAsync<RefinementException>(() => s.RefineAsync());
        Assert.Contains("Refinement is off", off.Message);
    }

    [Fact]
    public async Task A_backend_the_server_cannot_run_or_a_cap_past_the_ceiling_is_refused_and_nothing_changes()
    {
        await using var s = await RefinementScenario.StartAsync();
        var settings = s.Host.Get<AccountRefinementSettings>();
        var before = await settings.GetAsync(s.AccountId, CancellationToken.None);

        var refusals = new (RefinementSettings Asked, string Expected)[]
        {
            (new(GeminiBackend.BackendName, true, 5, 50), "The gemini backend cannot run here: this server has no Gemini API key (Refinement:Gemini:ApiKey)."),
            (new("llama", true, 5, 50), "'llama' is not a refinement backend; use one of gemini, heuristic, mock."),
            (new(MockBackend.BackendName, true, 6, 50), "Refinements per run must be 0–5 on this server (Refinement:MaxPerRun); 6 was asked."),
            (new(MockBackend.BackendName, true, -1, 50), "Refinements per run must be 0–5 on this server (Refinement:MaxPerRun); -1 was asked."),
            (new(MockBackend.BackendName, true, 5, 51), "Refinements per day must be 0–50 on this server (Refinement:MaxPerAccountPerDay); 51 was asked."),
        };
        foreach (var (asked, expected) in refusals)
        {
            var error = await Assert.ThrowsAsync<RefinementException>(() => settings.SetAsync(s.AccountId, asked, CancellationToken.None));
            Assert.Equal(expected, error.Message);
        }

        Assert.Equal(before, await settings.GetAsync(s.AccountId, CancellationToken.None));
        Assert.Contains(settings.Backends, b => b is { Name: GeminiBackend.BackendName, Unavailable: not null });
    }

    [Fact]
    public async Task Gemini_is_offered_once_the_server_has_its_key()
    {
        await using var s = await RefinementScenario.StartAsync(settings: new Dictionary<string, string?> { ["Refinement:Gemini:ApiKey"] = "test-key" });
        var settings = s.Host.Get<AccountRefinementSettings>();

        Assert.All(settings.Backends, b => Assert.Null(b.Unavailable));
        await settings.SetAsync(s.AccountId, new RefinementSettings(GeminiBackend.BackendName, true, 3, 20), CancellationToken.None);
        Assert.Equal(GeminiBackend.BackendName, (await settings.GetAsync(s.AccountId, CancellationToken.None)).Backend);
    }
}
