using System.IO.Compression;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;

namespace VodManager.Core.Detection;

/// <summary>
/// The per-second signal curves of a stored stream, for the editor's minimap and for refinement backends. Built from
/// the stored chat, events, transcript and the cached loudness (never measured here), kept in memory and in the
/// database (<see cref="StreamSignalCache"/>) until the stream's data or its channel's model changes: opening the
/// editor twice, after a restart or on another node, reads the chat once (a busy 12 h chat took seconds to read on the
/// first open after each restart). Detection hands over the curves it built, so the first open reads none. The chat
/// curve comes from the model that detects the stream's channel (its tuned one when there is one), so the minimap
/// shows what detection saw.
/// </summary>
public sealed class SignalCurveService(
    IDbContextFactory<VodDbContext> dbFactory,
    StreamSignalLoader loader,
    HighlightScorer scorer,
    ChannelLearning learning,
    IOptions<EditorOptions> options,
    TimeProvider time) : IDisposable
{
    /// <summary>Written into every stamp: a change to how curves are built or stored makes the stored ones stale.</summary>
    private const string Format = "curves-2";

    /// <summary>Recently opened streams' curves, by stream id, sized in bytes under Editor:CurveCacheBytes.</summary>
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.CurveCacheBytes });

    /// <returns>Null when the stream is not in this account.</returns>
    public async Task<SignalCurves?> GetAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        if (await StampAsync(accountId, streamId, cancellationToken) is not { } stamp)
        {
            return null;
        }

        if (_cache.TryGetValue(streamId, out (string Stamp, SignalCurves Curves) cached) && cached.Stamp == stamp.Value)
        {
            return cached.Curves;
        }

        if (await StoredAsync(streamId, stamp.Value, cancellationToken) is { } stored)
        {
            Remember(streamId, stamp.Value, stored);
            return stored;
        }

        var input = await loader.LoadAsync(accountId, streamId, measureAudio: false, progress: null, cancellationToken);
        if (input is null)
        {
            return null;
        }

        var curves = scorer.Curves(input, stamp.ChatModel);
        await KeepAsync(streamId, stamp, curves, cancellationToken);
        return curves;
    }

    /// <summary>
    /// What the curves depend on: each import's time, the stream's length, whether the source's audio has been measured,
    /// and the channel's model, which it carries: curves kept under it are built with that model. Take it before reading
    /// the data the curves are built from: what changes after makes it stale.
    /// </summary>
    /// <returns>Null when the stream is not in this account.</returns>
    public async Task<CurveStamp?> StampAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stream = await db.Streams.AsNoTracking()
            .Where(s => s.Id == streamId && s.AccountId == accountId)
            .Select(s => new
            {
                s.ChatImportedAt,
                s.EventsImportedAt,
                s.TranscriptImportedAt,
                s.DurationSeconds,
                Indexed = db.VodMediaIndexes.Where(i => s.Vods.Select(v => v.Id).Contains(i.VodId)).Select(i => (int?)i.VodId).Max(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (stream is null)
        {
            return null;
        }

        var tuned = await learning.ModelForAsync(accountId, streamId, cancellationToken);
        return new CurveStamp(
            $"{Format}|{stream.ChatImportedAt:O}|{stream.EventsImportedAt:O}|{stream.TranscriptImportedAt:O}|{stream.DurationSeconds}|{stream.Indexed}|{tuned?.TrainedAt:O}",
            tuned);
    }

    /// <summary>
    /// Keeps curves built under <paramref name="stamp"/> (<see cref="StampAsync"/>, taken before their data was read).
    /// Another node storing the same stream's at once, or the stream going meanwhile, leaves its row or none: both fine.
    /// </summary>
    public async Task KeepAsync(int streamId, CurveStamp stamp, SignalCurves curves, CancellationToken cancellationToken)
    {
        Remember(streamId, stamp.Value, curves);
        var packed = Pack(curves);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.StreamSignalCaches.Where(c => c.StreamId == streamId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Stamp, stamp.Value).SetProperty(c => c.Curves, packed).SetProperty(c => c.BuiltAt, now), cancellationToken) > 0)
        {
            return;
        }

        db.StreamSignalCaches.Add(new StreamSignalCache { StreamId = streamId, Stamp = stamp.Value, Curves = packed, BuiltAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation() || e.IsForeignKeyViolation())
        {
            // A duplicate key (another node kept them first) or a missing stream (deleted meanwhile).
        }
    }

    public void Dispose() => _cache.Dispose();

    private void Remember(int streamId, string stamp, SignalCurves curves) =>
        _cache.Set(streamId, (stamp, curves), new MemoryCacheEntryOptions { Size = (long)curves.Seconds * sizeof(float) * Curves(curves).Length });

    private async Task<SignalCurves?> StoredAsync(int streamId, string stamp, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var packed = await db.StreamSignalCaches.Where(c => c.StreamId == streamId && c.Stamp == stamp).Select(c => c.Curves).SingleOrDefaultAsync(cancellationToken);
        return packed is null ? null : Unpack(packed);
    }

    /// <summary>The length and the curves' floats in order, deflated (mostly zeros outside chat: 12 h packs to a few hundred KB).</summary>
    private static byte[] Pack(SignalCurves curves)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(BitConverter.GetBytes(curves.Seconds));
            foreach (var curve in Curves(curves))
            {
                zlib.Write(MemoryMarshal.AsBytes(curve.AsSpan()));
            }
        }

        return buffer.ToArray();
    }

    private static SignalCurves Unpack(byte[] packed)
    {
        using var zlib = new ZLibStream(new MemoryStream(packed), CompressionMode.Decompress);
        var length = new byte[sizeof(int)];
        zlib.ReadExactly(length);
        var seconds = BitConverter.ToInt32(length);
        var curves = new float[6][];
        for (var i = 0; i < curves.Length; i++)
        {
            curves[i] = new float[seconds];
            zlib.ReadExactly(MemoryMarshal.AsBytes(curves[i].AsSpan()));
        }

        return new SignalCurves(seconds, curves[0], curves[1], curves[2], curves[3], curves[4], curves[5]);
    }

    private static float[][] Curves(SignalCurves c) => [c.ChatMessages, c.Chat, c.Events, c.Transcript, c.Audio, c.ChatLift];
}
