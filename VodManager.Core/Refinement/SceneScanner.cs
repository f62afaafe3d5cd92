using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;

namespace VodManager.Core.Refinement;

/// <summary>
/// Scene changes of a stretch of a VOD, found by ffmpeg's scene filter and kept in the database: a second run over
/// the same window (a re-run, another backend, a restart) reads the list instead of decoding the video again.
/// </summary>
public sealed class SceneScanner(IDbContextFactory<VodDbContext> dbFactory, FfmpegRunner ffmpeg, TimeProvider time)
{
    private const double Tolerance = 0.001;

    /// <param name="input">Opens the source for ffmpeg; called only when the stretch was never scanned.</param>
    public async Task<IReadOnlyList<SceneChange>> GetAsync(int vodId, double from, double to, double threshold, Func<CancellationToken, Task<string>> input, CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var cached = await db.VodSceneScans.AsNoTracking()
                .Where(s => s.VodId == vodId && s.FromSeconds <= from + Tolerance && s.ToSeconds >= to - Tolerance
                    && s.Threshold >= threshold - Tolerance && s.Threshold <= threshold + Tolerance)
                .Select(s => s.Changes)
                .FirstOrDefaultAsync(cancellationToken);
            if (cached is not null)
            {
                return Decode(cached).Where(c => c.Seconds >= from && c.Seconds <= to).ToList();
            }
        }

        var changes = await ScanAsync(await input(cancellationToken), from, to, threshold, cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.VodSceneScans.Add(new VodSceneScan
            {
                VodId = vodId,
                FromSeconds = from,
                ToSeconds = to,
                Threshold = threshold,
                Changes = Encode(changes),
                ScannedAt = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return changes;
    }

    private async Task<List<SceneChange>> ScanAsync(string input, double from, double to, double threshold, CancellationToken cancellationToken)
    {
        var changes = new List<SceneChange>();
        double? at = null;
        var processor = FfmpegArguments.SceneChanges(input, from, to - from, threshold).NotifyOnStandardOutput(line =>
        {
            var time = line.IndexOf("pts_time:", StringComparison.Ordinal);
            if (line.StartsWith("frame:", StringComparison.Ordinal) && time >= 0
                && double.TryParse(line.AsSpan(time + 9).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t))
            {
                at = t;
            }
            else if (line.StartsWith("lavfi.scene_score=", StringComparison.Ordinal) && at is { } seconds
                && double.TryParse(line.AsSpan(18), NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                lock (changes)
                {
                    changes.Add(new SceneChange(Math.Round(from + seconds, 3), Math.Round(score, 3)));
                }
            }
        });
        try
        {
            await ffmpeg.RunAsync(processor, outputPath: null, TimeSpan.FromSeconds(to - from), null, cancellationToken);
        }
        catch (FfmpegException e)
        {
            throw new RefinementBackendException($"Scene detection on {from:0.#}–{to:0.#} s failed: {e.Message}", inner: e);
        }

        return changes;
    }

    private static byte[] Encode(List<SceneChange> changes) =>
        MemoryMarshal.AsBytes(changes.SelectMany(c => new[] { c.Seconds, c.Score }).ToArray().AsSpan()).ToArray();

    private static IEnumerable<SceneChange> Decode(byte[] bytes)
    {
        var values = MemoryMarshal.Cast<byte, double>(bytes).ToArray();
        for (var i = 0; i + 1 < values.Length; i += 2)
        {
            yield return new SceneChange(values[i], values[i + 1]);
        }
    }
}
