using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Nodes;

namespace VodManager.Core.Refinement;

/// <summary>Finds a stream's source video and hands a run its one <see cref="RefinementSource"/> (opened only if a backend reads media).</summary>
public sealed class RefinementSources(
    IDbContextFactory<VodDbContext> dbFactory,
    SourceInputs inputs,
    FfmpegRunner ffmpeg,
    SceneScanner scenes,
    WorkAreas work,
    NodeLeases leases,
    IOptions<RefinementOptions> options)
{
    /// <returns>Null when the stream has no stored source video: backends then work from chat, events and transcript.</returns>
    internal async Task<RefinementSource?> ForStreamAsync(int accountId, int streamId, string holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var vod = await db.Vods.AsNoTracking().StoredSourcesOf(accountId, streamId)
            .FirstOrDefaultAsync(cancellationToken);
        if (vod is null)
        {
            return null;
        }

        return new RefinementSource(vod, inputs, ffmpeg, scenes, options.Value, work.Refine.Folder, holder);
    }

    /// <summary>At start-up, removes the extracted audio that crashed runs of dead nodes left behind.</summary>
    /// <returns>How many files went.</returns>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken) => (await leases.CensusAsync(cancellationToken)).PurgeDeadWork(work.Refine.Root);
}
