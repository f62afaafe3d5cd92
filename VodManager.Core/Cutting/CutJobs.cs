using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Core.Quota;

namespace VodManager.Core.Cutting;

/// <summary>
/// What the editor and the CLI call to cut: checks the highlights belong to the account, marks them queued (so every
/// open editor shows it at once) and enqueues one job, which it then runs (each highlight's outcome is on the
/// highlight; a batch job carries the tally).
/// </summary>
public sealed class CutJobs(IDbContextFactory<VodDbContext> dbFactory, HighlightClaims claims, ClipCutter cutter, VodPins pins, IJobQueue queue)
    : IJobHandler<CutClipRequest>, IJobHandler<CutSelectedRequest>, IJobHandler<CutAllRequest>
{
    /// <summary>The kinds of the jobs that cut clips.</summary>
    public static readonly string[] Kinds = [CutClipRequest.JobKind, CutSelectedRequest.JobKind, CutAllRequest.JobKind];

    public async Task<Guid> CutAsync(int accountId, int highlightId, CutMode? mode, string requestedBy, bool createAnyway, CancellationToken cancellationToken)
    {
        var highlight = (await OwnedAsync(accountId, [highlightId], cancellationToken)).Single();
        return await QueueOneAsync(highlight, mode, requestedBy, createAnyway, replacing: null, cancellationToken);
    }

    /// <summary>
    /// Cuts a highlight's bounds now in place of the clip it has: that clip (and what was exported from it) stays until
    /// the new one is stored and goes in the same transaction, so a cut that fails (no room for both, a bad source, a
    /// crash) leaves it as it was. Refused at once while a job reads the clip; a highlight with no clip is cut.
    /// </summary>
    public async Task<Guid> CutAgainAsync(int accountId, int highlightId, CutMode? mode, string requestedBy, CancellationToken cancellationToken)
    {
        var highlight = (await OwnedAsync(accountId, [highlightId], cancellationToken)).Single();
        if (highlight.ClipVodId is not { } clipVodId)
        {
            return await CutAsync(accountId, highlightId, mode, requestedBy, createAnyway: false, cancellationToken);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if ((await pins.PinnedAsync(db, cancellationToken)).Contains(clipVodId))
            {
                throw new CutException($"Highlight #{highlight.Rank}'s clip is being read by a running job (an export); cut it again once that has finished.");
            }
        }

        // The editor keeps a clip of this moment: cutting it again is their choice over a later "not a clip" verdict, recorded as one.
        return await QueueOneAsync(highlight, mode, requestedBy, createAnyway: true, replacing: clipVodId, cancellationToken);
    }

    private async Task<Guid> QueueOneAsync(Highlight highlight, CutMode? mode, string requestedBy, bool createAnyway, int? replacing, CancellationToken cancellationToken)
    {
        await claims.MarkQueuedAsync(highlight.AccountId, [highlight.Id], replacing, cancellationToken);
        return await queue.EnqueueAsync(new CutClipRequest
        {
            AccountId = highlight.AccountId, StreamId = highlight.StreamId, HighlightId = highlight.Id, Shown = CutClipRequest.Show(highlight), Mode = mode,
            CreateAnyway = createAnyway, Replacing = replacing, RequestedBy = requestedBy,
        }, cancellationToken);
    }

    public async Task<Guid> CutSelectedAsync(int accountId, IReadOnlyList<int> highlightIds, CutMode? mode, string requestedBy, CancellationToken cancellationToken)
    {
        var owned = await OwnedAsync(accountId, highlightIds, cancellationToken);
        await claims.MarkQueuedAsync(accountId, highlightIds, null, cancellationToken);
        return await queue.EnqueueAsync(new CutSelectedRequest
        {
            AccountId = accountId, StreamId = owned.Select(h => (int?)h.StreamId).Distinct().Count() == 1 ? owned[0].StreamId : null,
            HighlightIds = highlightIds, Mode = mode, RequestedBy = requestedBy,
        }, cancellationToken);
    }

    public async Task<Guid> CutAllAsync(int accountId, int streamId, CutMode? mode, string requestedBy, CancellationToken cancellationToken)
    {
        var ids = await UncutHighlightIdsAsync(accountId, streamId, cancellationToken);
        await claims.MarkQueuedAsync(accountId, ids, null, cancellationToken);
        return await queue.EnqueueAsync(new CutAllRequest { AccountId = accountId, StreamId = streamId, Mode = mode, RequestedBy = requestedBy }, cancellationToken);
    }

    /// <summary>One highlight; a clip that could not be made fails the job with the highlight's reason.</summary>
    async Task IJobHandler<CutClipRequest>.RunAsync(CutClipRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var result = (await RunAsync(request, context, cancellationToken)).Single();
        if (!result.HasClip)
        {
            throw new CutException(result.Reason ?? result.Outcome.ToString());
        }
    }

    Task IJobHandler<CutSelectedRequest>.RunAsync(CutSelectedRequest request, JobContext context, CancellationToken cancellationToken) =>
        RunAsync(request, context, cancellationToken);

    Task IJobHandler<CutAllRequest>.RunAsync(CutAllRequest request, JobContext context, CancellationToken cancellationToken) =>
        RunAsync(request, context, cancellationToken);

    /// <summary>Runs a cut job's request; the job id is the claim token, so a recovered job re-takes its claims.</summary>
    public async Task<IReadOnlyList<CutResult>> RunAsync(JobRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var token = context.JobId.ToString("N");
        var batch = request switch
        {
            CutClipRequest one => new CutBatch(one.AccountId, [one.HighlightId], one.Mode, token, one.RequestedBy, one.CreateAnyway, one.Replacing),
            CutSelectedRequest selected => new CutBatch(selected.AccountId, selected.HighlightIds, selected.Mode, token, selected.RequestedBy),
            CutAllRequest all => new CutBatch(all.AccountId, await UncutHighlightIdsAsync(all.AccountId, all.StreamId ?? 0, cancellationToken), all.Mode, token, all.RequestedBy, EveryHighlight: true),
            _ => throw new ArgumentException($"Not a cut request: {request.Kind}", nameof(request)),
        };
        var results = await cutter.CutAsync(batch, context.Progress, cancellationToken);
        context.Progress.Report(new JobProgress("done", 100, Summarize(results)));
        return results;
    }

    /// <summary>"3 cut, 1 skipped, 1 failed".</summary>
    public static string Summarize(IReadOnlyList<CutResult> results) =>
        results.Count == 0 ? "nothing to cut" : string.Join(", ", results.GroupBy(r => r.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Word(g.Key)}"));

    private static string Word(CutOutcome outcome) => outcome switch
    {
        CutOutcome.AlreadyCut => "already cut",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The stream's highlights a "cut all" covers: not dismissed, no clip yet, best first. A recovered cut-all asks
    /// again: highlights it already cut drop out, those it had claimed are back in.
    /// </summary>
    public async Task<List<int>> UncutHighlightIdsAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Streams.AnyAsync(s => s.Id == streamId && s.AccountId == accountId, cancellationToken))
        {
            throw new CutException($"Stream {streamId} was not found.");
        }

        return await db.Highlights
            .Where(h => h.AccountId == accountId && h.StreamId == streamId && !h.Dismissed && h.ClipVodId == null)
            .OrderBy(h => h.Rank).Select(h => h.Id).ToListAsync(cancellationToken);
    }

    private async Task<List<Highlight>> OwnedAsync(int accountId, IReadOnlyList<int> highlightIds, CancellationToken cancellationToken)
    {
        if (highlightIds.Count == 0)
        {
            throw new CutException("No highlights were selected.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owned = await db.Highlights.AsNoTracking().Where(h => h.AccountId == accountId && highlightIds.Contains(h.Id)).ToListAsync(cancellationToken);
        var missing = highlightIds.Except(owned.Select(h => h.Id)).ToList();
        return missing.Count == 0 ? owned : throw new CutException($"Highlight {string.Join(", ", missing)} was not found.");
    }
}
