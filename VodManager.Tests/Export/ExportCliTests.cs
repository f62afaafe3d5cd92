using Microsoft.EntityFrameworkCore;
using VodManager.Core.Export;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Export;

/// <summary>The operator's `export` verb, run as the built app in its own process on a prepared data folder.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class ExportCliTests
{
    [Fact]
    public async Task Export_prints_the_stored_export_and_refuses_an_unknown_profile_by_name()
    {
        await using var s = await ExportScenario.StartAsync();
        await s.AddTranscriptAsync((3, 5, "from the command line"));
        var environment = new Dictionary<string, string> { ["VodManager__DataFolder"] = s.Cut.Host.DataFolder, ["VodManager__SeedDemo"] = "false" };
        foreach (var (key, value) in ExportScenario.ProfileSettings())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        var run = await WebHostProcess.RunAsync(["export", "--clip", $"{s.Clip.Id}", "--profile", ExportScenario.Small, "--framing", "x=0.25", "--chat"], environment, TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Matches($@"^clip {s.Clip.Id}: exported as VOD (\d+); no chat overlay: no chat messages in this clip's range; VOD \1 {ExportScenario.Small} x=0\.25 chat 180x320 4\.0 s, [\d.]+ KB\s*$", run.Stdout);
        Assert.Contains("[export] Running", run.Stderr);
        var rows = await s.ExportRowsAsync();
        Assert.True(Assert.Single(rows).ExportCaptions);
        await using (var db = await s.Cut.Host.DbAsync())
        {
            // The job names the clip as the clips page does, not by its VOD id.
            var job = await db.Jobs.SingleAsync(j => j.Kind == ExportClipRequest.JobKind);
            Assert.Equal($"Export '{s.Clip.Title}' vertically ({ExportScenario.Small}, x=0.25, chat)", job.Title);
        }

        var wrong = await WebHostProcess.RunAsync(["export", "--clip", $"{s.Clip.Id}", "--profile", "reels-4k"], environment, TimeSpan.FromMinutes(1));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains($"error: Unknown export profile 'reels-4k'; the profiles are: draft-720x1280, {ExportScenario.Small}, shorts-1080x1920, {ExportScenario.Tiny} (Export:Profiles).", wrong.Stderr);
        Assert.Single(await s.ExportRowsAsync());
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Browser_copy_prints_the_stored_copy_once_and_refuses_a_stream_without_a_source()
    {
        await using var s = await ExportScenario.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["VodManager__DataFolder"] = s.Cut.Host.DataFolder, ["VodManager__SeedDemo"] = "false", ["Export__BrowserCopy__Preset"] = "ultrafast",
        };
        foreach (var (key, value) in ExportScenario.ProfileSettings())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        var run = await WebHostProcess.RunAsync(["browser-copy", "--stream", $"{s.Cut.StreamId}"], environment, TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Matches($@"^stream {s.Cut.StreamId}: made: VOD \d+, 320x180, [\d.]+ [KM]B\s*$", run.Stdout);
        Assert.Contains("[browser-copy] Running", run.Stderr);
        var again = await WebHostProcess.RunAsync(["browser-copy", "--stream", $"{s.Cut.StreamId}"], environment, TimeSpan.FromMinutes(1));
        Assert.Matches($@"^stream {s.Cut.StreamId}: already made: VOD \d+, 320x180, [\d.]+ [KM]B\s*$", again.Stdout);

        var missing = await WebHostProcess.RunAsync(["browser-copy", "--stream", "999"], environment, TimeSpan.FromMinutes(1));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error: Stream 999 has no source video to make a browser copy of; import one first.", missing.Stderr);
    }
}
