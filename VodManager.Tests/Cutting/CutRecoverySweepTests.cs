using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Nodes;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Cutting;

/// <summary>The start-up sweep repairs what a killed process left and keeps what a recovered job will finish.</summary>
public sealed class CutRecoverySweepTests
{
    [Fact]
    public async Task The_sweep_removes_leftovers_of_dead_jobs_and_keeps_the_work_of_jobs_that_will_run()
    {
        await using var s = await CutScenario.StartAsync(countReads: false); // the sweep looks for the real local storage
        var dead = await s.AddHighlightAsync(1, 4);
        var alive = await s.AddHighlightAsync(6, 9);
        var storage = s.Host.Get<IVodStorage>();
        var local = (LocalDiskStorage)storage;
        // The killed process was a node of its own: its work sits in folders named by its id.
        var deadCut = Path.Combine(s.Host.Get<WorkAreas>().Cuts.Root, "a-node-that-died", "h1-x");
        Directory.CreateDirectory(deadCut);
        await File.WriteAllTextAsync(Path.Combine(deadCut, "clip.mp4"), "half a clip");
        await File.WriteAllTextAsync(Path.Combine(local.Root, "accounts", "stray.mp4.0123.partial"), "half a put");
        await ReserveCrashedAsync(s, dead.Id, "deadjob");
        var aliveRow = await ReserveCrashedAsync(s, alive.Id, "alivejob");
        await storage.PutAsync(StorageKeys.Clip(s.AccountId, 999), new MemoryStream(new byte[10]), 10, CancellationToken.None);

        var report = await s.Host.Get<CutRecoverySweep>().RunAsync((token, _) => Task.FromResult(token == "alivejob"), CancellationToken.None);

        Assert.Equal(new CutSweepReport(TempFiles: 1, PartialWrites: 1, ReleasedReservations: 1, ResetClaims: 1, OrphanObjects: 1), report);
        var reset = await s.HighlightAsync(dead.Id);
        Assert.Equal(ClipStatus.Failed, reset.ClipStatus);
        Assert.Contains("interrupted by a restart", reset.ClipError);
        Assert.Null(reset.ClipClaimToken);
        var kept = Assert.Single(await s.ClipRowsAsync());
        Assert.Equal(aliveRow, kept.Id);
        Assert.Equal("alivejob", (await s.HighlightAsync(alive.Id)).ClipClaimToken);
        Assert.True((await s.Host.Get<QuotaService>().CheckLedgerAsync(s.AccountId, CancellationToken.None)).Balanced);

        // The recovered job then finishes its own highlight with one clip.
        var finished = Assert.Single(await s.CutAsync(new CutBatch(s.AccountId, [alive.Id], CutMode.Copy, "alivejob", "system")));
        Assert.Equal(aliveRow, finished.ClipVodId);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_cut_the_cli_is_running_keeps_its_claim_and_reservation_through_another_nodes_start_and_finishes()
    {
        await using var s = await CutScenario.StartAsync(jobHandlers: true);
        var highlight = await s.AddHighlightAsync(1, 4);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Reads.BeforeWrite = async _ =>
        {
            reached.TrySetResult();
            await release.Task;
        };

        // Queued through the services, the cut runs inline as the CLI runs it: in no scheduler's store.
        var cut = Task.Run(() => s.Host.Get<CutJobs>().CutAsync(s.AccountId, highlight.Id, CutMode.Copy, "cli", createAnyway: false, CancellationToken.None));
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        CutSweepReport report;
        await using (var starting = await CoreHost.StartAsync(new Dictionary<string, string?> { ["VodManager:DataFolder"] = s.Host.DataFolder }))
        {
            var willRun = await starting.Get<InterruptedJobs>().SettleAsync((_, _) => Task.FromResult(false), CancellationToken.None);
            report = await starting.Get<CutRecoverySweep>().RunAsync(willRun, CancellationToken.None);
        }

        Assert.Equal((0, 0), (report.ReleasedReservations, report.ResetClaims));
        Assert.Equal(ClipStatus.Cutting, (await s.HighlightAsync(highlight.Id)).ClipStatus);
        Assert.Equal(VodStatus.Pending, Assert.Single(await s.ClipRowsAsync()).Status);

        release.SetResult();
        var jobId = await cut;
        var done = await s.HighlightAsync(highlight.Id);
        Assert.Equal(ClipStatus.Done, done.ClipStatus);
        Assert.Equal(VodStatus.Stored, done.ClipVod!.Status);
        await using (var db = await s.Host.DbAsync())
        {
            Assert.Equal(JobStatus.Succeeded, (await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId)).Status);
        }

        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Highlights_a_cut_job_that_will_not_run_again_left_queued_are_failed_and_a_running_jobs_stay_queued()
    {
        await using var s = await CutScenario.StartAsync(countReads: false);
        var unreached = await s.AddHighlightAsync(1, 4);
        var otherStream = (await s.Host.AddStreamAsync(s.AccountId, "Another")).Id;
        await using (var db = await s.Host.DbAsync())
        {
            var highlight = Builders.Highlight(s.AccountId, otherStream, 1, 6, 9);
            db.Highlights.Add(highlight);
            await db.SaveChangesAsync();
            // A killed command line's "cut all" on the first stream; one still running in a live process on the other.
            db.Jobs.AddRange(
                Builders.Job(s.AccountId, s.StreamId, CutAllRequest.JobKind, JobStatus.Running, "a-node-that-died"),
                Builders.Job(s.AccountId, otherStream, CutAllRequest.JobKind, JobStatus.Running, s.Host.Get<LocalNode>().Id));
            await db.SaveChangesAsync();
            await s.Host.Get<HighlightClaims>().MarkQueuedAsync(s.AccountId, [unreached.Id, highlight.Id], null, CancellationToken.None);
        }

        var willRun = await s.Host.Get<InterruptedJobs>().SettleAsync((_, _) => Task.FromResult(false), CancellationToken.None);
        var report = await s.Host.Get<CutRecoverySweep>().RunAsync(willRun, CancellationToken.None);

        Assert.Equal(1, report.ResetQueued);
        var failed = await s.HighlightAsync(unreached.Id);
        Assert.Equal(ClipStatus.Failed, failed.ClipStatus);
        Assert.Contains("interrupted by a restart", failed.ClipError);
        await using (var db = await s.Host.DbAsync())
        {
            Assert.Equal(ClipStatus.Queued, await db.Highlights.Where(h => h.StreamId == otherStream).Select(h => h.ClipStatus).SingleAsync());
        }
    }

    private static async Task<int> ReserveCrashedAsync(CutScenario s, int highlightId, string token)
    {
        Assert.True(await s.Host.Get<HighlightClaims>().TryClaimAsync(s.AccountId, highlightId, token, null, CancellationToken.None));
        var key = StorageKeys.Clip(s.AccountId, highlightId);
        var reservation = await s.Host.Get<QuotaService>().ReserveAsync(Builders.ClipReservation(s.AccountId, s.StreamId, highlightId, 50_000, "crashed"), CancellationToken.None);
        await s.Host.Get<IVodStorage>().PutAsync(key, new MemoryStream(new byte[500]), 500, CancellationToken.None);
        return reservation.Vod.Id;
    }
}
