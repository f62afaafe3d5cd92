using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;

namespace VodManager.Core.Refinement;

/// <summary>
/// Runs refinement for one request: picks the highlights (best-scored first), applies the per-run and per-day caps
/// (what does not fit is marked Skipped, "cap reached"), and refines the rest one by one through the chosen
/// backend with up to Refinement:MaxIterations iterations each, every iteration saved as history as it happens. Every
/// highlight's outcome is written on it, counted in the outcomes metric, and failures are logged as events; one
/// highlight's failure never stops the others. The source is read through one <see cref="RefinementSource"/> per run.
/// </summary>
public sealed class Refiner(
    IDbContextFactory<VodDbContext> dbFactory,
    RefinementBackends backends,
    RefinementWindowLoader windows,
    RefinementSources sources,
    RefinementBudget budget,
    RefinementHistory history,
    RefinementMetrics metrics,
    IOptions<RefinementOptions> options,
    ILogger<Refiner> logger) : IJobHandler<RefineRequest>
{
    private static readonly EventId Failed = new(6001, "RefinementFailed");
    private static readonly EventId Skipped = new(6002, "RefinementSkipped");
    private static readonly EventId Done = new(6003, "RefinementDone");

    /// <summary>A refinement job: each highlight's outcome is on the highlight, and any failure also fails the job, so the job list shows it.</summary>
    async Task IJobHandler<RefineRequest>.RunAsync(RefineRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var run = await RunAsync(request, context.Progress, $"refine:{context.JobId:N}", cancellationToken);
        var failed = run.Results.Where(r => r.Outcome == RefineOutcome.Failed).ToList();
        if (failed.Count > 0)
        {
            throw new RefinementException($"{failed.Count} of {run.Results.Count} refinements failed ({run.Summary}); first: {failed[0].Reason}");
        }
    }

    /// <param name="holder">Who reads the source, for its pin ("refine:{jobId}").</param>
    public async Task<RefineRunResult> RunAsync(RefineRequest request, IProgress<JobProgress>? progress, string holder, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new RefinementException("A refinement needs a stream.");
        var (account, stream) = await LoadAsync(request.AccountId, streamId, cancellationToken);
        var backendName = request.Backend ?? account.RefinementBackend
            ?? throw new RefinementException($"Refinement is off for account '{account.Name}' (no backend chosen); choose one in the account settings or name one with --backend.");
        var backend = backends.Get(backendName);
        var (candidates, notEligible) = await CandidatesAsync(request, cancellationToken);
        var perRun = Math.Min(account.RefinementsPerRun, options.Value.MaxPerRun);
        var perDay = Math.Min(account.RefinementsPerDay, options.Value.MaxPerAccountPerDay);
        var results = new List<RefineResult>(notEligible);

        await using var source = await sources.ForStreamAsync(account.Id, streamId, holder, cancellationToken);
        try
        {
            var run = await windows.PrepareAsync(stream, source, cancellationToken);
            for (var i = 0; i < candidates.Count; i++)
            {
                var highlight = candidates[i];
                var overCap = i >= perRun;
                progress?.Report(new JobProgress($"{(overCap ? "skipping" : "refining")} {i + 1} of {candidates.Count}", 100.0 * i / candidates.Count,
                    overCap ? $"highlight #{highlight.Rank}: {PerRunCap(perRun)}" : $"highlight #{highlight.Rank} with {backend.Name}"));
                RefineResult result;
                if (source is null && backend.NeedsVideo)
                {
                    // Judged without sound or picture every moment came out "clip, low confidence", bounds unchanged: a
                    // badge that says nothing. The automatic run after the video's import refines it.
                    result = await SkipAsync(highlight, backend.Name, "no video yet: refined from its sound and shots once it is imported", LogLevel.Information, cancellationToken);
                }
                else if (overCap)
                {
                    // By design on every stream with more highlights than the cap: not something to alert on.
                    result = await SkipAsync(highlight, backend.Name, PerRunCap(perRun), LogLevel.Information, cancellationToken);
                }
                else if (!await budget.TryTakeAsync(account.Id, perDay, cancellationToken))
                {
                    result = await SkipAsync(highlight, backend.Name, $"cap reached ({perDay} per day for this account); more after midnight UTC", LogLevel.Warning, cancellationToken);
                }
                else
                {
                    result = await RefineAsync(run, highlight, backend, cancellationToken);
                }

                results.Add(result);
            }
        }
        finally
        {
            // A cancelled run leaves no highlight looking queued or running forever.
            await history.ResetUnfinishedAsync(request.HighlightIds ?? candidates.Select(h => h.Id).ToList());
        }

        var outcome = new RefineRunResult(backend.Name, results);
        progress?.Report(new JobProgress("done", 100, outcome.Summary));
        logger.LogInformation(Done, "Refined stream {StreamId} with {Backend}: {Summary}", streamId, backend.Name, outcome.Summary);
        return outcome;
    }

    private async Task<RefineResult> RefineAsync(RefinementRun run, Highlight highlight, IRefinementBackend backend, CancellationToken cancellationToken)
    {
        var runNumber = await history.StartAsync(highlight.Id, cancellationToken);
        if (runNumber is not { } number)
        {
            return new RefineResult(highlight.Id, RefineOutcome.NotEligible, "removed by a re-detection while waiting");
        }

        var window = await windows.LoadAsync(run, highlight, cancellationToken);
        var subject = new RefinementSubject(highlight.AccountId, highlight.Id, highlight.Rank, highlight.DetectedStart, highlight.DetectedEnd, highlight.Score, highlight.Signals, highlight.Explanation);
        var iterations = new RefinementIterations(backend, subject, window, options.Value);
        var final = await iterations.RunAsync(attempt => history.AddAttemptAsync(highlight.Id, number, attempt, cancellationToken), cancellationToken);

        var result = final.Error is { } error
            ? new RefineResult(highlight.Id, RefineOutcome.Failed, $"{backend.Name}: {error}", Iterations: final.Iterations)
            : new RefineResult(highlight.Id, final.Proposal!.IsClipable ? RefineOutcome.Refined : RefineOutcome.NotClipable, final.Proposal.Reason,
                final.Proposal.Start, final.Proposal.End, final.Proposal.Confidence, final.Iterations);
        if (!await history.FinishAsync(highlight.Id, result, final.Proposal, cancellationToken))
        {
            return result with { Outcome = RefineOutcome.NotEligible, Reason = "removed by a re-detection while it was refined" };
        }

        metrics.Record(backend.Name, result.Outcome);
        if (result.Outcome == RefineOutcome.Failed)
        {
            logger.LogError(Failed, "Refinement of highlight {HighlightId} (stream {StreamId}) with {Backend} failed after {Iterations} iterations: {Reason}",
                highlight.Id, highlight.StreamId, backend.Name, final.Iterations, result.Reason);
        }

        return result;
    }

    // Says what the editor can do: a run refines its best-ranked highlights first, and one refined alone is a run of one.
    private static string PerRunCap(int perRun) => $"cap reached ({perRun} per run, the best-ranked first); refine it on its own";

    private async Task<RefineResult> SkipAsync(Highlight highlight, string backend, string reason, LogLevel level, CancellationToken cancellationToken)
    {
        var result = new RefineResult(highlight.Id, RefineOutcome.Skipped, reason);
        await history.FinishAsync(highlight.Id, result, null, cancellationToken);
        metrics.Record(backend, RefineOutcome.Skipped);
        logger.Log(level, Skipped, "Refinement of highlight {HighlightId} (stream {StreamId}) with {Backend} skipped: {Reason}", highlight.Id, highlight.StreamId, backend, reason);
        return result;
    }

    private async Task<(Account Account, LiveStream Stream)> LoadAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stream = await db.Streams.AsNoTracking().Include(s => s.Account).SingleOrDefaultAsync(s => s.Id == streamId && s.AccountId == accountId, cancellationToken)
            ?? throw new RefinementException($"Stream {streamId} was not found.");
        return (stream.Account!, stream);
    }

    /// <summary>
    /// The highlights to refine, best-scored first, and those of an explicit selection that cannot be (a clip exists
    /// or a cut is in flight: new bounds would not change it). Without a selection: every highlight not refined yet
    /// (or skipped by a cap, or left running by a crash), neither dismissed nor cut, nor bounded by an editor: a moment
    /// they marked or trimmed has the bounds they chose (refined ones would move a marked one; a trim wins over them, so
    /// refining it would spend a call and the cap on nothing). Selected, those are refined as asked.
    /// </summary>
    private async Task<(List<Highlight> Candidates, List<RefineResult> NotEligible)> CandidatesAsync(RefineRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Highlights.AsNoTracking().Where(h => h.AccountId == request.AccountId && h.StreamId == request.StreamId);
        List<Highlight> chosen;
        if (request.HighlightIds is { } ids)
        {
            chosen = await query.Where(h => ids.Contains(h.Id)).ToListAsync(cancellationToken);
            var missing = ids.Except(chosen.Select(h => h.Id)).ToList();
            if (missing.Count > 0)
            {
                throw new RefinementException($"Highlight {string.Join(", ", missing)} was not found in stream {request.StreamId}.");
            }
        }
        else
        {
            chosen = await query
                .Where(h => !h.Dismissed && h.ClipVodId == null && h.ClipStatus != ClipStatus.Queued && h.ClipStatus != ClipStatus.Cutting
                    && h.RefinementStatus != RefinementStatus.Refined && h.RefinementStatus != RefinementStatus.Failed
                    && h.AddedBy == null && h.TrimStart == null)
                .ToListAsync(cancellationToken);
        }

        var busy = chosen.Where(h => h.ClipVodId is not null || h.ClipStatus is ClipStatus.Queued or ClipStatus.Cutting).ToList();
        var notEligible = busy.Select(h => new RefineResult(h.Id, RefineOutcome.NotEligible,
            h.ClipVodId is not null ? "it already has a clip" : "a cut of it is in flight")).ToList();
        return (chosen.Except(busy).OrderByDescending(h => h.Score).ThenBy(h => h.Rank).ToList(), notEligible);
    }
}
