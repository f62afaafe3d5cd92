using Microsoft.EntityFrameworkCore;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Export;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Tests.Export;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Cutting;

/// <summary>
/// "Cut again" of a highlight trimmed after its clip was cut, through the real cutter, ffmpeg and storage, on SQLite
/// and PostgreSQL: the old clip goes only in the commit that stores the new one, so whatever fails keeps it.
/// </summary>
public abstract class CutAgainTests
{
    protected abstract DatabaseEngine Engine { get; }

    private async Task<CutScenario> StartAsync() =>
        await CutScenario.StartAsync(await TestDatabase.SettingsAsync(Engine, ExportScenario.ProfileSettings()), countReads: false, jobHandlers: true);

    /// <summary>A highlight cut at 2–6 s, then trimmed to 10.2–13.5 s: its clip predates its bounds.</summary>
    private static async Task<(Highlight Highlight, Vod Clip)> CutThenTrimAsync(CutScenario s)
    {
        var highlight = await s.AddHighlightAsync(2, 6);
        Assert.Equal(CutOutcome.Cut, Assert.Single(await s.CutAsync(CutMode.Copy, highlight.Id)).Outcome);
        var clip = (await s.HighlightAsync(highlight.Id)).ClipVod!;
        await using var db = await s.Host.DbAsync();
        await db.Highlights.Where(h => h.Id == highlight.Id).ExecuteUpdateAsync(u => u
            .SetProperty(h => h.TrimStart, 10.2).SetProperty(h => h.TrimEnd, 13.5).SetProperty(h => h.TrimmedBy, "ed").SetProperty(h => h.TrimmedAt, DateTime.UtcNow));
        return (highlight, clip);
    }

    private static CutBatch Again(CutScenario s, int highlightId, int replacing, string? token = null) =>
        new(s.AccountId, [highlightId], CutMode.Precise, token ?? Guid.NewGuid().ToString("N"), "editor@example.com", Replacing: replacing);

    [Fact]
    public async Task The_new_bounds_are_stored_and_the_old_clip_and_its_export_go_in_the_same_step_keeping_its_given_name()
    {
        await using var s = await StartAsync();
        var (highlight, old) = await CutThenTrimAsync(s);
        await s.Host.Get<ClipLibrary>().RenameAsync(s.AccountId, old.Id, "Epic teamfight", "editor@example.com", CancellationToken.None);
        var exported = await s.Host.Get<ExportService>().ExportAsync(
            new ExportSpec(s.AccountId, old.Id, ExportScenario.Tiny, Framing.Parse("center"), false), "test", null, CancellationToken.None);
        Vod export;
        await using (var db = await s.Host.DbAsync())
        {
            export = await db.Vods.AsNoTracking().SingleAsync(v => v.Id == exported.VodId);
        }

        var result = Assert.Single(await s.CutAsync(Again(s, highlight.Id, old.Id)));

        Assert.Equal(CutOutcome.Cut, result.Outcome);
        var now = await s.HighlightAsync(highlight.Id);
        Assert.Equal((ClipStatus.Done, result.ClipVodId, null), (now.ClipStatus, now.ClipVodId, now.ClipError));
        Assert.Equal(10.2, now.ClipVod!.SourceStartSeconds!.Value, 3);
        Assert.Equal(13.5, now.ClipVod.SourceEndSeconds!.Value, 3);
        Assert.NotEqual(old.StorageKey, now.ClipVod.StorageKey);
        Assert.Equal("Epic teamfight", now.ClipVod.Title);
        var storage = s.Host.Get<IVodStorage>();
        Assert.False(await storage.ExistsAsync(old.StorageKey, CancellationToken.None));
        Assert.False(await storage.ExistsAsync(export.StorageKey, CancellationToken.None));
        await using (var db = await s.Host.DbAsync())
        {
            var gone = await db.Vods.IgnoreQueryFilters().Where(v => v.Id == old.Id || v.Id == export.Id).Select(v => v.DeletedAt).ToListAsync();
            Assert.Equal(2, gone.Count(at => at is not null));
        }

        var replaced = Assert.Single(now.Activity, a => a.Action == HighlightActions.ClipReplaced);
        Assert.Equal("editor@example.com", replaced.Actor);
        Assert.Contains($"clip VOD {old.Id} replaced by VOD {now.ClipVodId}", replaced.Detail);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task No_room_for_both_keeps_the_clip_and_says_how_to_make_room()
    {
        await using var s = await StartAsync();
        var (highlight, old) = await CutThenTrimAsync(s);
        long usedBefore;
        await using (var db = await s.Host.DbAsync())
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == s.AccountId);
            usedBefore = account.UsedBytes;
            account.QuotaBytes = account.UsedBytes + 1024; // the new cut fits only with the old clip gone
            await db.SaveChangesAsync();
        }

        var result = Assert.Single(await s.CutAsync(Again(s, highlight.Id, old.Id)));

        Assert.Equal(CutOutcome.Skipped, result.Outcome);
        Assert.Contains("beside the clip it replaces, which is kept", result.Reason);
        Assert.Contains("Delete the clip", result.Reason);
        await AssertKeptAsync(s, highlight.Id, old, "which is kept");
        await using (var db = await s.Host.DbAsync())
        {
            Assert.Equal(usedBefore, (await db.Accounts.SingleAsync(a => a.Id == s.AccountId)).UsedBytes);
        }
    }

    [Fact]
    public async Task A_source_gone_from_storage_fails_the_cut_and_keeps_the_clip()
    {
        await using var s = await StartAsync();
        var (highlight, old) = await CutThenTrimAsync(s);
        await s.Host.Get<IVodStorage>().DeleteAsync(s.Source.StorageKey, CancellationToken.None);

        var result = Assert.Single(await s.CutAsync(Again(s, highlight.Id, old.Id)));

        Assert.Equal(CutOutcome.Failed, result.Outcome);
        Assert.Contains("missing from storage", result.Reason);
        await AssertKeptAsync(s, highlight.Id, old, "missing from storage");
    }

    [Fact]
    public async Task A_clip_read_by_a_job_when_the_new_cut_is_ready_is_kept_and_the_new_cut_released()
    {
        await using var s = await StartAsync();
        var (highlight, old) = await CutThenTrimAsync(s);

        await using (await s.Host.Get<VodPins>().PinAsync([old.Id], "export:test", CancellationToken.None))
        {
            var result = Assert.Single(await s.CutAsync(Again(s, highlight.Id, old.Id)));

            Assert.Equal(CutOutcome.Failed, result.Outcome);
            Assert.Contains("being read by a running job", result.Reason);
        }

        await AssertKeptAsync(s, highlight.Id, old, "being read by a running job");
    }

    [Fact]
    public async Task Asking_while_a_job_reads_the_clip_is_refused_at_once_and_queues_nothing()
    {
        await using var s = await StartAsync();
        var (highlight, old) = await CutThenTrimAsync(s);

        await using (await s.Host.Get<VodPins>().PinAsync([old.Id], "export:test", CancellationToken.None))
        {
            var refused = await Assert.ThrowsAsync<CutException>(() =>
                s.Host.Get<CutJobs>().CutAgainAsync(s.AccountId, highlight.Id, CutMode.Precise, "editor@example.com", CancellationToken.None));
            Assert.Contains($"#{highlight.Rank}'s clip is being read by a running job", refused.Message);
        }

        var kept = await s.HighlightAsync(highlight.Id);
        Assert.Equal((ClipStatus.Done, old.Id), (kept.ClipStatus, kept.ClipVodId));
    }

    [Fact]
    public async Task A_recovered_job_after_its_commit_finds_the_new_clip_and_makes_no_other()
    {
        await using var s = await StartAsync();
        var (highlight, old) = await CutThenTrimAsync(s);
        var token = Guid.NewGuid().ToString("N");
        var first = Assert.Single(await s.CutAsync(Again(s, highlight.Id, old.Id, token)));

        var rerun = Assert.Single(await s.CutAsync(Again(s, highlight.Id, old.Id, token)));

        Assert.Equal((CutOutcome.AlreadyCut, first.ClipVodId), (rerun.Outcome, rerun.ClipVodId));
        Assert.Single(await s.ClipRowsAsync(), v => v.DeletedAt is null);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_clip_deleted_before_the_job_runs_leaves_a_first_cut_of_the_new_bounds()
    {
        await using var s = await StartAsync();
        var (highlight, old) = await CutThenTrimAsync(s);
        await s.Host.Get<ClipLibrary>().DeleteAsync(s.AccountId, old.Id, "editor@example.com", CancellationToken.None);

        var result = Assert.Single(await s.CutAsync(Again(s, highlight.Id, old.Id)));

        Assert.Equal(CutOutcome.Cut, result.Outcome);
        Assert.Equal(old.Id, result.ClipVodId); // a first cut reuses the highlight's own row, as after any delete
        Assert.Equal(10.2, (await s.HighlightAsync(highlight.Id)).ClipVod!.SourceStartSeconds!.Value, 3);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task The_editors_request_runs_as_a_job_named_cut_again_and_replaces_the_clip()
    {
        await using var s = await StartAsync();
        var (highlight, old) = await CutThenTrimAsync(s);

        // The job runs inline here (the CLI's queue): the request, its job record and the cut, as the editor's button asks.
        var jobId = await s.Host.Get<CutJobs>().CutAgainAsync(s.AccountId, highlight.Id, CutMode.Precise, "editor@example.com", CancellationToken.None);

        await using var db = await s.Host.DbAsync();
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
        Assert.Equal(("Cut highlight #1, 0:10.2–0:13.5 again (precise)", JobStatus.Succeeded), (job.Title, job.Status));
        var now = await s.HighlightAsync(highlight.Id);
        Assert.NotEqual(old.Id, now.ClipVodId);
        Assert.Equal(10.2, now.ClipVod!.SourceStartSeconds!.Value, 3);
        Assert.EndsWith("highlight #1 (0:10.2–0:13.5)", now.ClipVod.Title); // named by its bounds, as the old one was
        Assert.Contains(now.Activity, a => a.Action == HighlightActions.ClipReplaced && a.Actor == "editor@example.com");
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_clip_judged_not_a_clip_after_its_cut_is_cut_again_as_the_editors_recorded_choice()
    {
        await using var s = await StartAsync();
        var (highlight, old) = await CutThenTrimAsync(s);
        await using (var db = await s.Host.DbAsync())
        {
            await db.Highlights.Where(h => h.Id == highlight.Id).ExecuteUpdateAsync(u => u.SetProperty(h => h.IsClipable, false).SetProperty(h => h.Confidence, 0.8));
        }

        await s.Host.Get<CutJobs>().CutAgainAsync(s.AccountId, highlight.Id, CutMode.Precise, "editor@example.com", CancellationToken.None);

        var now = await s.HighlightAsync(highlight.Id);
        Assert.NotEqual(old.Id, now.ClipVodId);
        Assert.Equal("editor@example.com", now.ClipOverrideBy);
        Assert.Contains(now.Activity, a => a.Action == "clip-override" && a.Actor == "editor@example.com");
    }

    /// <summary>The highlight still has its clip, done, with the reason beside it; the clip's object is there; nothing else is.</summary>
    private static async Task AssertKeptAsync(CutScenario s, int highlightId, Vod old, string reason)
    {
        var kept = await s.HighlightAsync(highlightId);
        Assert.Equal((ClipStatus.Done, old.Id), (kept.ClipStatus, kept.ClipVodId));
        Assert.Contains(reason, kept.ClipError);
        Assert.Null(kept.ClipVod!.DeletedAt);
        Assert.True(await s.Host.Get<IVodStorage>().ExistsAsync(old.StorageKey, CancellationToken.None));
        Assert.Single(await s.ClipRowsAsync());
        await s.AssertNothingLeftBehindAsync();
    }

    public sealed class OnSqlite : CutAgainTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : CutAgainTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
