using Microsoft.EntityFrameworkCore;
using VodManager.Core.Cutting;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Cutting;

/// <summary>The operator's `cut` and `cut-all` verbs, run as the built app in its own process on a prepared data folder.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class CutCliTests
{
    [Fact]
    public async Task Cut_and_cut_all_print_one_line_per_highlight_and_fail_on_a_bad_mode()
    {
        await using var s = await CutScenario.StartAsync(countReads: false);
        var one = await s.AddHighlightAsync(2, 6);
        var two = await s.AddHighlightAsync(8, 12);
        var bad = await s.AddHighlightAsync(30, 40);
        var environment = new Dictionary<string, string> { ["VodManager__DataFolder"] = s.Host.DataFolder, ["VodManager__SeedDemo"] = "false" };

        // At the shipped log level (tests run quieter), as an operator sees it.
        var cut = await WebHostProcess.RunAsync(["cut", "--highlight", $"{one.Id}", "--mode", "precise"],
            new Dictionary<string, string>(environment) { ["Logging__LogLevel__Default"] = "Information" }, TimeSpan.FromMinutes(2));
        Assert.True(cut.ExitCode == 0, cut.Stderr);
        Assert.Matches($@"^highlight {one.Id}: done, VOD \d+ \(precise\) 0:02\.0–0:06\.0, [\d.]+ KB\s*$", cut.Stdout);
        // stderr carries the verb's progress, not a node's bookkeeping (its lease, the job executor's start and end).
        Assert.Contains("[cut] Succeeded 100%", cut.Stderr);
        Assert.DoesNotContain("took its lease", cut.Stderr);
        Assert.DoesNotContain(") started: Cut highlight", cut.Stderr);

        var all = await WebHostProcess.RunAsync(["cut-all", "--stream", $"{s.StreamId}"], environment, TimeSpan.FromMinutes(2));
        Assert.Equal(1, all.ExitCode); // one highlight could not be cut
        Assert.Contains($"highlight {two.Id}: done, VOD", all.Stdout);
        Assert.Contains($"highlight {bad.Id}: failed: The highlight starts at 0:30.0 but the source video is only 0:20.0 long.", all.Stdout);
        Assert.DoesNotContain($"highlight {one.Id}:", all.Stdout); // already cut: not part of "all"
        Assert.Equal(ClipStatus.Done, (await s.HighlightAsync(two.Id)).ClipStatus);

        // Trimmed after its cut: --again replaces the clip with the bounds now.
        var before = (await s.HighlightAsync(one.Id)).ClipVodId;
        await using (var db = await s.Host.DbAsync())
        {
            await db.Highlights.Where(h => h.Id == one.Id).ExecuteUpdateAsync(u => u.SetProperty(h => h.TrimStart, 3.0).SetProperty(h => h.TrimEnd, 7.0).SetProperty(h => h.TrimmedBy, "ed"));
        }

        var again = await WebHostProcess.RunAsync(["cut", "--highlight", $"{one.Id}", "--mode", "precise", "--again"], environment, TimeSpan.FromMinutes(2));
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Matches($@"^highlight {one.Id}: done, VOD \d+ \(precise\) 0:03\.0–0:07\.0, [\d.]+ KB\s*$", again.Stdout);
        Assert.NotEqual(before, (await s.HighlightAsync(one.Id)).ClipVodId);

        var wrongMode = await WebHostProcess.RunAsync(["cut", "--highlight", $"{two.Id}", "--mode", "fast"], environment, TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, wrongMode.ExitCode);
        Assert.Contains("--mode 'fast' is not one of copy, precise, smart.", wrongMode.Stderr + wrongMode.Stdout);
        await s.AssertNothingLeftBehindAsync();
    }
}
