using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;

namespace VodManager.Core.Refinement;

/// <summary>Finds a stream's source video and hands a run its one <see cref="RefinementSource"/> (opened only if a backend reads media).</summary>
public sealed class RefinementSources(
    IDbContextFactory<VodDbContext> dbFactory,
    SourceCache cache,
    FfmpegRunner ffmpeg,
    SceneScanner scenes,
    DataPaths paths,
    IOptions<RefinementOptions> options)
{
    /// <summary>Where extracted window audio lives while a run needs it.</summary>
    public string TempFolder => string.IsNullOrWhiteSpace(options.Value.TempFolder)
        ? Path.Combine(paths.Temp, "refine")
        : Path.GetFullPath(options.Value.TempFolder);

    /// <returns>Null when the stream has no stored source video: backends then work from chat, events and transcript.</returns>
    internal async Task<RefinementSource?> ForStreamAsync(int accountId, int streamId, string holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var vod = await db.Vods.AsNoTracking()
            .Where(v => v.AccountId == accountId && v.StreamId == streamId && v.Type == VodType.Archive && v.Status == VodStatus.Stored)
            .OrderByDescending(v => v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (vod is null)
        {
            return null;
        }

        return new RefinementSource(vod, cache, ffmpeg, scenes, options.Value, TempFolder, holder);
    }

    /// <summary>Removes extracted audio a crashed run left behind; only for start-up, when no run can hold any.</summary>
    public void Purge()
    {
        if (Directory.Exists(TempFolder))
        {
            Directory.Delete(TempFolder, recursive: true);
        }
    }
}
