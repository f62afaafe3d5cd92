using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using Quartz;
using VodManager.Core;
using VodManager.Tests.Fixtures;
using VodManager.Web.Hosting;

namespace VodManager.Tests.Cutting;

/// <summary>
/// An account with a stream whose source (a real generated video) is imported into real storage, plus helpers to
/// add highlights, cut them through the real <see cref="ClipCutter"/>, and prove nothing was left behind.
/// </summary>
internal sealed class CutScenario : IAsyncDisposable
{
    private CutScenario(CoreHost host, Account account, LiveStream stream, Vod source)
    {
        Host = host;
        AccountId = account.Id;
        StreamId = stream.Id;
        Source = source;
    }

    public CoreHost Host { get; }
    public int AccountId { get; }
    public int StreamId { get; }
    public Vod Source { get; }

    public ClipCutter Cutter => Host.Get<ClipCutter>();

    /// <summary>Reads of the storage, counted (every scenario's storage is wrapped).</summary>
    public CountingStorage Reads => (CountingStorage)Host.Get<IVodStorage>();

    public static async Task<CutScenario> StartAsync(
        IDictionary<string, string?>? settings = null, TestPatternSpec? media = null, long? quotaBytes = null, int? maxVods = null, bool evict = false, bool countReads = true,
        bool jobHandlers = false, int rotation = 0)
    {
        var host = await CoreHost.StartAsync(settings, services =>
        {
            if (countReads)
            {
                CountingStorage.Wrap(services);
            }

            // Requests queued through the services (CutJobs) then run inline, as the CLI runs them; imports index their source.
            if (jobHandlers)
            {
                services.AddJobHandlers();
            }
        });
        var (account, stream) = await host.AddAccountWithStreamAsync(quotaBytes, maxVods, evict);
        var video = rotation == 0 ? await TestMedia.GetAsync(media) : await TestMedia.GetRotatedAsync(media ?? TestMedia.Short, rotation);
        await host.Get<IVodStorage>().CheckHealthAsync(CancellationToken.None);
        var source = await host.Get<VideoImportService>().ImportLocalFileAsync(account.Id, stream.Id, video, null, CancellationToken.None);
        return new CutScenario(host, account, stream, source);
    }

    public async Task<Highlight> AddHighlightAsync(double start, double end, Action<Highlight>? tweak = null)
    {
        await using var db = await Host.DbAsync();
        var rank = await db.Highlights.CountAsync(h => h.StreamId == StreamId) + 1;
        var highlight = Builders.Highlight(AccountId, StreamId, rank, start, end);
        tweak?.Invoke(highlight);
        db.Highlights.Add(highlight);
        await db.SaveChangesAsync();
        return highlight;
    }

    public Task<IReadOnlyList<CutResult>> CutAsync(CutMode mode, params int[] highlightIds) =>
        CutAsync(new CutBatch(AccountId, highlightIds, mode, Guid.NewGuid().ToString("N"), "tester"));

    public Task<IReadOnlyList<CutResult>> CutAsync(CutBatch batch, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Cutter.CutAsync(batch, progress, cancellationToken);

    public async Task<Highlight> HighlightAsync(int id)
    {
        await using var db = await Host.DbAsync();
        return await db.Highlights.AsNoTracking().Include(h => h.ClipVod).Include(h => h.Activity).SingleAsync(h => h.Id == id);
    }

    /// <summary>Every clip row of the account, soft-deleted ones included.</summary>
    public async Task<List<Vod>> ClipRowsAsync()
    {
        await using var db = await Host.DbAsync();
        return await db.Vods.IgnoreQueryFilters().AsNoTracking().Where(v => v.AccountId == AccountId && v.Type == VodType.Highlight).ToListAsync();
    }

    public async Task<List<string>> ClipObjectsAsync()
    {
        var keys = new List<string>();
        await foreach (var key in Host.Get<IVodStorage>().ListAsync(StorageKeys.ClipPrefix(AccountId), CancellationToken.None))
        {
            keys.Add(key);
        }

        return keys;
    }

    /// <summary>Cuts a new highlight of [start, end) in <paramref name="mode"/>, asserts it was cut so (no fallback), and returns its clip and local file.</summary>
    public async Task<(Vod Clip, string Path)> CutNewAsync(CutMode mode, double start, double end)
    {
        var highlight = await AddHighlightAsync(start, end);
        var result = Assert.Single(await CutAsync(mode, highlight.Id));
        Assert.True(result.Mode == mode, result.Reason);
        var clip = (await HighlightAsync(highlight.Id)).ClipVod!;
        return (clip, Host.Get<IVodStorage>().TryGetLocalPath(clip.StorageKey)!);
    }

    /// <summary>
    /// Asserts that <paramref name="output"/> (a clip of [start, end) of <paramref name="source"/>) holds the source's
    /// frames of the range, frame for frame at the same distances from the first (a frame due exactly at the end may
    /// come along: its time rounds either way, as in any cut); returns the source's frames of the range.
    /// </summary>
    public async Task<List<double>> AssertHoldsSourceFramesAsync(string source, string output, double start, double end)
    {
        var sourceFrames = (await FrameTimesAsync(source)).Where(t => t >= start - 0.0005 && t < end - 0.0005).ToList();
        var clipFrames = await FrameTimesAsync(output);
        Assert.InRange(clipFrames.Count, sourceFrames.Count, sourceFrames.Count + 1);
        var shift = sourceFrames[0] - clipFrames[0];
        var off = sourceFrames.Zip(clipFrames, (a, b) => Math.Abs(a - (b + shift))).Max();
        Assert.True(off < 0.002, string.Create(CultureInfo.InvariantCulture, $"a clip frame is {off:0.000} s off the source's"));
        return sourceFrames;
    }

    /// <summary>The times of a video's frames (its first video stream's packets), in order.</summary>
    public async Task<List<double>> FrameTimesAsync(string path)
    {
        var times = new List<double>();
        await Host.Get<FfprobeRunner>().RunAsync(
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0", path],
            line => times.Add(double.Parse(line.Trim().TrimEnd(','), CultureInfo.InvariantCulture)), CancellationToken.None);
        times.Sort();
        return times;
    }

    /// <summary>
    /// No pending rows, the ledger equals the rows, every live clip row has its object and no object lacks a row,
    /// no temp files or source copies, nothing pinned.
    /// </summary>
    public async Task AssertNothingLeftBehindAsync()
    {
        var rows = await ClipRowsAsync();
        Assert.DoesNotContain(rows, v => v.Status == VodStatus.Pending);
        var ledger = await Host.Get<QuotaService>().CheckLedgerAsync(AccountId, CancellationToken.None);
        Assert.True(ledger.Balanced, $"ledger {ledger}");
        var storage = Host.Get<IVodStorage>();
        var live = rows.Where(v => v.DeletedAt is null).ToList();
        Assert.Equal(live.Select(v => v.StorageKey).Order(), (await ClipObjectsAsync()).Order());
        foreach (var vod in live)
        {
            Assert.Equal(vod.SizeBytes, await storage.GetSizeAsync(vod.StorageKey, CancellationToken.None));
        }

        var leftovers = FilesUnder(Host.Get<WorkAreas>().Cuts.Root).ToList();
        Assert.True(leftovers.Count == 0, "files left behind: " + string.Join(", ", leftovers));
        await using var db = await Host.DbAsync();
        Assert.False(await db.VodPins.AnyAsync(p => p.ExpiresAt > DateTime.UtcNow), "a pin outlived its job");
        Assert.False(await db.Highlights.AnyAsync(h => h.ClipClaimToken != null), "a claim outlived its job");
    }

    /// <summary>Settings for a scenario on Azure Blob Storage (a fresh container in the shared Azurite).</summary>
    public static async Task<Dictionary<string, string?>> BlobSettingsAsync(IDictionary<string, string?>? more = null)
    {
        var azurite = await Azurite.GetAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureBlob:Container"] = Azurite.NewContainerName(),
        };
        return settings.Merge(more);
    }

    /// <summary>Puts a precise "cut all" into the app's persistent job store, exactly as the editor's button does, with no app running.</summary>
    public Task<Guid> EnqueueCutAllAsync(IDictionary<string, string?> settings) => EnqueueCutAllAsync(settings, Host.DataFolder, AccountId, StreamId);

    /// <summary>Puts a precise "cut all" of a stream into the job store the settings name, as the editor's button does.</summary>
    public static Task<Guid> EnqueueCutAllAsync(IDictionary<string, string?> settings, string dataFolder, int accountId, int streamId) =>
        EnqueueAsync(settings, dataFolder, services => services.GetRequiredService<CutJobs>().CutAllAsync(accountId, streamId, CutMode.Precise, "crash-test", CancellationToken.None));

    /// <summary>Puts a job into the job store the settings name through the app's own services, with no app running.</summary>
    public static async Task<Guid> EnqueueAsync(IDictionary<string, string?> settings, string dataFolder, Func<IServiceProvider, Task<Guid>> enqueue)
    {
        var values = new Dictionary<string, string?>(settings) { ["VodManager:DataFolder"] = dataFolder, ["VodManager:SeedDemo"] = "false" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddVodManagerCore(configuration);
        services.AddVodManagerJobs(configuration);
        await using var provider = services.BuildServiceProvider();
        var jobId = await enqueue(provider);
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Shutdown();
        return jobId;
    }

    /// <summary>Scheduler nodes checked in to the Quartz cluster; none before the first node has created Quartz's tables.</summary>
    public static async Task<int> SchedulerNodesAsync(VodDbContext db)
    {
        try
        {
            return await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM qrtz_scheduler_state").SingleAsync();
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>Polls the database until <paramref name="condition"/> holds; on timeout throws with the apps' output.</summary>
    public Task WaitUntilAsync(Func<VodDbContext, Task<bool>> condition, TimeSpan timeout, ProcessLog log) => WaitUntilAsync(Host, condition, timeout, log);

    /// <summary>Polls <paramref name="host"/>'s database until <paramref name="condition"/> holds; on timeout throws with the apps' output.</summary>
    public static async Task WaitUntilAsync(CoreHost host, Func<VodDbContext, Task<bool>> condition, TimeSpan timeout, ProcessLog log)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            await using (var db = await host.DbAsync())
            {
                if (await condition(db))
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Gave up after {timeout}. App output:\n{log}");
    }

    public static IReadOnlyList<string> FilesUnder(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
