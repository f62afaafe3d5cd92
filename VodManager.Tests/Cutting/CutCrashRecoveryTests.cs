using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Library;
using Xunit.Abstractions;
using VodManager.Core.Cutting;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Cutting;

/// <summary>
/// The tests that start app processes and kill one mid-job, one after the other: each keeps both cores busy for
/// half a minute to two. They run beside the rest of the suite, not after it, and start early (<see cref="LongestFirstOrderer"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class CrashCollection
{
    public const string Name = "crash recovery";
}

/// <summary>
/// The real host as a child process runs a "cut all" batch and is SIGKILLed in the middle of it; after a restart,
/// Quartz recovers the job and the start-up sweep repairs the rest. Then: one clip per highlight, no orphan rows,
/// objects or temp files, and the ledger equals the stored bytes. scripts/crash-loop.sh runs this 20 times.
/// </summary>
[Collection(CrashCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class CutCrashRecoveryTests(ITestOutputHelper output)
{
    private const int Highlights = 4;
    private static readonly TestPatternSpec Source = new(60);

    [Fact]
    public Task Killed_mid_batch_on_local_disk_recovers_to_exactly_one_clip_per_highlight() => KillAndRecoverAsync(new Dictionary<string, string?>());

    [Fact]
    public async Task Killed_mid_batch_on_blob_storage_recovers_to_exactly_one_clip_per_highlight() =>
        await KillAndRecoverAsync(await CutScenario.BlobSettingsAsync());

    private async Task KillAndRecoverAsync(Dictionary<string, string?> storage)
    {
        var phases = Stopwatch.StartNew();
        var settings = new Dictionary<string, string?>(storage) { ["Cutting:BatchParallelism"] = "1" };
        await using var s = await CutScenario.StartAsync(settings, Source, countReads: false);
        var ids = new List<int>();
        for (var i = 0; i < Highlights; i++)
        {
            ids.Add((await s.AddHighlightAsync(2 + i * 14, 10 + i * 14)).Id);
        }

        var jobId = await s.EnqueueCutAllAsync(settings);
        var log = new ProcessLog();
        var environment = settings.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value!);
        environment["VodManager__DataFolder"] = s.Host.DataFolder;
        environment["VodManager__SeedDemo"] = "false";

        output.WriteLine($"prepared at {phases.Elapsed}");
        var first = WebHostProcess.StartServer(environment, line => log.Append("first: " + line));
        try
        {
            // Mid-batch: the first clip is done and a later one is being cut, then a random moment more.
            await s.WaitUntilAsync(async db => await db.Highlights.CountAsync(h => ids.Contains(h.Id) && h.ClipStatus == ClipStatus.Done) >= 1
                && await db.Highlights.AnyAsync(h => ids.Contains(h.Id) && h.ClipStatus == ClipStatus.Cutting), TimeSpan.FromSeconds(90), log);
            await Task.Delay(Random.Shared.Next(0, 600));
        }
        finally
        {
            ChildProcess.Stop(first);
        }

        await using (var db = await s.Host.DbAsync())
        {
            Assert.True(await db.Highlights.CountAsync(h => ids.Contains(h.Id) && h.ClipStatus == ClipStatus.Done) < Highlights, "the kill came too late to be mid-batch");
        }

        output.WriteLine($"killed at {phases.Elapsed}");
        var second = WebHostProcess.StartServer(environment, line => log.Append("second: " + line));
        try
        {
            await s.WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Id == jobId && (j.Status == JobStatus.Succeeded || j.Status == JobStatus.Failed)), TimeSpan.FromSeconds(120), log);
        }
        finally
        {
            ChildProcess.Stop(second);
        }

        output.WriteLine($"recovered at {phases.Elapsed}");
        await using (var db = await s.Host.DbAsync())
        {
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.True(job.Status == JobStatus.Succeeded, $"job {job.Status}: {job.Error}\n{log}");
            var highlights = await db.Highlights.AsNoTracking().Where(h => ids.Contains(h.Id)).ToListAsync();
            Assert.All(highlights, h => Assert.True(h.ClipStatus == ClipStatus.Done && h.ClipVodId is not null, $"highlight {h.Id}: {h.ClipStatus} {h.ClipError}"));
        }

        var clips = await s.ClipRowsAsync();
        Assert.Equal(ids.Order(), clips.Select(c => c.HighlightId!.Value).Order());
        Assert.All(clips, c => Assert.Equal(VodStatus.Stored, c.Status));
        await s.AssertNothingLeftBehindAsync();
        if (s.Host.Get<IVodStorage>() is LocalDiskStorage local)
        {
            Assert.Empty(Directory.GetFiles(local.Root, "*" + LocalDiskStorage.PartialSuffix, SearchOption.AllDirectories));
        }
    }
}
