using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Media;

/// <summary>
/// Computes a VOD's keyframes and loudness once and keeps them in the database, so detection, refinement, the
/// editor's snapping and the cutter never read the source again for them.
/// </summary>
public sealed class MediaIndexService(
    IDbContextFactory<VodDbContext> dbFactory,
    VodInputs inputs,
    KeyframeReader keyframes,
    LoudnessAnalyzer loudness,
    TimeProvider time,
    VodPins pins,
    ILogger<MediaIndexService> logger) : IJobHandler<IndexMediaRequest>
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _locks = new();

    /// <summary>The cached index, or null when it has not been computed yet.</summary>
    public async Task<MediaIndex?> TryGetAsync(int vodId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.VodMediaIndexes.AsNoTracking().SingleOrDefaultAsync(i => i.VodId == vodId, cancellationToken);
        return row is null ? null : new MediaIndex(Decode<double>(row.Keyframes), Decode<float>(row.Loudness));
    }

    /// <summary>An index job: computes a source's keyframes and loudness once; the VOD is pinned meanwhile, so it cannot be deleted under the job.</summary>
    public async Task RunAsync(IndexMediaRequest request, JobContext context, CancellationToken cancellationToken)
    {
        Vod vod;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            vod = await db.Vods.AsNoTracking().SingleOrDefaultAsync(v => v.Id == request.VodId && v.AccountId == request.AccountId, cancellationToken)
                ?? throw new InvalidOperationException($"VOD {request.VodId} was not found; nothing to index.");
        }

        await using var pin = await pins.PinAsync([vod.Id], $"job:{context.JobId:N}", cancellationToken);
        await GetOrComputeAsync(vod, context.Progress, cancellationToken);
    }

    /// <summary>The cached index, computing it first (once, even when several jobs ask at the same time).</summary>
    public async Task<MediaIndex> GetOrComputeAsync(Vod vod, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        if (await TryGetAsync(vod.Id, cancellationToken) is { } cached)
        {
            return cached;
        }

        var gate = _locks.GetOrAdd(vod.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await TryGetAsync(vod.Id, cancellationToken) is { } raced)
            {
                return raced;
            }

            var index = await ComputeAsync(vod, progress, cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.VodMediaIndexes.Add(new VodMediaIndex
            {
                VodId = vod.Id,
                Keyframes = Encode(index.Keyframes),
                Loudness = Encode(index.Loudness),
                ComputedAt = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
            return index;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<MediaIndex> ComputeAsync(Vod vod, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var input = await inputs.ResolveAsync(vod.StorageKey, cancellationToken);
        var duration = vod.DurationSeconds ?? 0;
        progress?.Report(new JobProgress("reading keyframes", 0));
        var frames = vod.VideoCodec is null ? [] : await keyframes.ReadAsync(input, cancellationToken);
        float[] levels = [];
        if (vod.AudioCodec is not null)
        {
            var percent = ProgressScale.Stage(progress, "measuring loudness", 10, 100);
            levels = await loudness.MeasureAsync(input, duration, percent, cancellationToken);
        }

        logger.LogInformation("Indexed VOD {VodId}: {Keyframes} keyframes, {Seconds} s of loudness", vod.Id, frames.Length, levels.Length);
        return new MediaIndex(frames, levels);
    }

    private static byte[] Encode<T>(T[] values) where T : struct => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static T[] Decode<T>(byte[]? bytes) where T : struct => bytes is null ? [] : MemoryMarshal.Cast<byte, T>(bytes).ToArray();
}
