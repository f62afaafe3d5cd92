using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Diagnostics;
using VodManager.Core.Editing;
using VodManager.Core.Events;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Cutting;

/// <summary>
/// The one clip cutter behind the single cut, "cut selected" and "cut all". Per highlight: claim it, check it may be
/// cut, clamp its bounds, check the disk, reserve quota under the deterministic external id, cut to a temp file,
/// check the output, store, commit and link (one transaction), announce. Any failure releases what was reserved or
/// written; one highlight's failure never stops the rest of the batch; cancellation stops it and leaves nothing behind.
/// </summary>
public sealed class ClipCutter(
    IDbContextFactory<VodDbContext> dbFactory,
    HighlightClaims claims,
    ClipRenderer renderer,
    QuotaService quota,
    BatchSourcesFactory batchSources,
    DomainEvents events,
    WorkAreas work,
    IOptions<CuttingOptions> options,
    TimeProvider time,
    ILogger<ClipCutter> logger)
{
    /// <summary>The name a batch's pins are held under.</summary>
    public static string PinHolder(string claimToken) => PinHolderPrefix + claimToken;

    /// <summary>The claim token behind a pin holder name, or null when the pin is not a cut's.</summary>
    public static string? ClaimTokenOf(string pinHolder) => pinHolder.StartsWith(PinHolderPrefix, StringComparison.Ordinal) ? pinHolder[PinHolderPrefix.Length..] : null;

    private const string PinHolderPrefix = "cut:";

    /// <summary>Cuts every highlight of the batch (in parallel, up to Cutting:BatchParallelism) and returns one result each, in order.</summary>
    public async Task<IReadOnlyList<CutResult>> CutAsync(CutBatch batch, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var mode = batch.Mode ?? options.Value.DefaultMode;
        var (highlights, storedSources) = await LoadAsync(batch, cancellationToken);
        var results = new CutResult?[batch.HighlightIds.Count];
        var tracker = new BatchProgress(progress, results.Length, time);
        await using var sources = await batchSources.OpenAsync(PinHolder(batch.ClaimToken), cancellationToken);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, results.Length),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.BatchParallelism, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    var id = batch.HighlightIds[i];
                    var result = highlights.TryGetValue(id, out var loaded)
                        ? await CutOneAsync(batch, loaded, storedSources[loaded.StreamId], mode, sources, tracker, i, token)
                        : CutResult.Failed(id, $"Highlight {id} was not found.");
                    results[i] = result;
                    tracker.Finished(i, result);
                });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var unstarted = batch.HighlightIds.Where((_, i) => results[i] is null).ToList();
            await claims.SkipUnstartedAsync(batch.AccountId, unstarted, "The cut was cancelled before this highlight was reached.");
            throw;
        }

        logger.LogInformation("Cut batch {Token}: {Summary}", batch.ClaimToken,
            string.Join(", ", results.GroupBy(r => r!.Outcome).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}")));
        return results!;
    }

    /// <summary>The batch's highlights, and the stored source of each of their streams (null when it has none): read once for the batch, not per cut.</summary>
    private async Task<(Dictionary<int, Highlight> Highlights, Dictionary<int, Vod?> Sources)> LoadAsync(CutBatch batch, CancellationToken cancellationToken)
    {
        using var activity = VodActivities.Start(VodActivities.CutLoad);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var highlights = await db.Highlights.AsNoTracking().Include(h => h.Stream)
            .Where(h => h.AccountId == batch.AccountId && batch.HighlightIds.Contains(h.Id))
            .ToDictionaryAsync(h => h.Id, cancellationToken);
        var sources = new Dictionary<int, Vod?>();
        foreach (var streamId in highlights.Values.Select(h => h.StreamId).Distinct())
        {
            sources[streamId] = await db.Vods.AsNoTracking().StoredSourcesOf(batch.AccountId, streamId).FirstOrDefaultAsync(cancellationToken);
        }

        return (highlights, sources);
    }

    private async Task<CutResult> CutOneAsync(CutBatch batch, Highlight highlight, Vod? storedSource, CutMode mode, BatchSources sources, BatchProgress tracker, int index, CancellationToken cancellationToken)
    {
        var replacing = batch.Replacing;
        bool claimed;
        using (VodActivities.Start(VodActivities.CutClaim))
        {
            claimed = await claims.TryClaimAsync(batch.AccountId, highlight.Id, batch.ClaimToken, replacing, cancellationToken);
            if (!claimed && replacing is not null && await ClipOfAsync(highlight.Id, cancellationToken) is null)
            {
                // The clip to replace was deleted meanwhile: what is left to do is a first cut.
                replacing = null;
                claimed = await claims.TryClaimAsync(batch.AccountId, highlight.Id, batch.ClaimToken, null, cancellationToken);
            }
        }

        if (!claimed)
        {
            // Not ours: another job holds it, or it already has its clip (a recovered cut again: the one it stored).
            // The highlight is theirs to update.
            return await ClipOfAsync(highlight.Id, cancellationToken) is { } vodId && vodId != replacing
                ? CutResult.AlreadyCut(highlight.Id, vodId)
                : CutResult.Skipped(highlight.Id, "Another job is cutting this highlight right now.");
        }

        CutResult result;
        try
        {
            result = await CutClaimedAsync(batch, highlight, replacing, storedSource, mode, sources, tracker, index, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await claims.FinishAsync(highlight.Id, batch.ClaimToken, CutResult.Failed(highlight.Id, "The cut was cancelled; nothing was kept."));
            throw;
        }
        catch (Exception e)
        {
            result = CutResult.Failed(highlight.Id, Describe(e));
            if (e is not (CutException or InsufficientDiskSpaceException or FfmpegException or VodInUseException))
            {
                logger.LogError(e, "Cutting highlight {HighlightId} failed unexpectedly", highlight.Id);
            }
        }

        if (result.Outcome is CutOutcome.Skipped or CutOutcome.Failed)
        {
            logger.LogWarning("Highlight {HighlightId} was not cut ({Outcome}): {Reason}", highlight.Id, result.Outcome, result.Reason);
            await claims.FinishAsync(highlight.Id, batch.ClaimToken, result);
        }

        return result;
    }

    private async Task<int?> ClipOfAsync(int highlightId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Highlights.Where(h => h.Id == highlightId).Select(h => h.ClipVodId).SingleAsync(cancellationToken);
    }

    private async Task<CutResult> CutClaimedAsync(
        CutBatch batch, Highlight highlight, int? replacing, Vod? storedSource, CutMode mode, BatchSources sources, BatchProgress tracker, int index, CancellationToken cancellationToken)
    {
        tracker.Report(index, "checking", 1);
        if (highlight.IsClipable == false && highlight.ClipOverrideBy is null)
        {
            if (!batch.CreateAnyway)
            {
                return CutResult.Skipped(highlight.Id,
                    $"Not a clip: refinement judged this moment not clipable{(highlight.Confidence is { } c ? $" (confidence {c:0.00})" : "")}. Choose \"Create clip anyway\" to cut it.");
            }

            await claims.RecordOverrideAsync(batch.AccountId, highlight.Id, batch.RequestedBy, cancellationToken);
        }

        var source = storedSource ?? throw new CutException($"Stream {highlight.StreamId} has no stored source video to cut from; import one first.");
        ClipSource clipSource;
        using (VodActivities.Start(VodActivities.CutSource))
        {
            clipSource = await sources.GetAsync(source, mode, cancellationToken);
        }

        var bounds = ClipBoundsResolver.Resolve(highlight, source.DurationSeconds ?? 0, options.Value.MinClipSeconds);
        var estimate = Estimate(source, bounds, mode);
        work.Cuts.EnsureFree(mode == CutMode.Copy ? estimate : estimate * 3, $"the cut of highlight {highlight.Id}");

        var manual = highlight.AddedBy is not null || highlight.TrimStart is not null || highlight.ClipOverrideBy is not null || batch.CreateAnyway;
        try
        {
            await using var write = await quota.BeginWriteAsync(new VodReservation(
                batch.AccountId,
                highlight.StreamId,
                VodType.Highlight,
                manual ? VodProvenance.Manual : VodProvenance.AutoClip,
                ExternalId: StorageKeys.ClipName(highlight.Id, replacing),
                Title: ClipTitle(highlight, bounds),
                StorageKey: StorageKeys.Clip(batch.AccountId, highlight.Id, replacing),
                EstimatedBytes: estimate,
                HighlightId: highlight.Id,
                ProtectedVodIds: replacing is { } replaced ? [source.Id, replaced] : [source.Id]), work.Cuts.NewFolder($"h{highlight.Id}"), cancellationToken);
            if (write.AlreadyStored)
            {
                await claims.LinkClipAsync(highlight.Id, batch.ClaimToken, write.Vod.Id, cancellationToken);
                return CutResult.AlreadyCut(highlight.Id, write.Vod.Id);
            }

            return await WriteClipAsync(batch, highlight, replacing, write, clipSource, bounds, mode, tracker, index, cancellationToken);
        }
        catch (QuotaExceededException e) when (replacing is not null)
        {
            return CutResult.Skipped(highlight.Id,
                $"No room for the new cut beside the clip it replaces, which is kept: {e.Message} Delete the clip, then cut the highlight, to use its room.");
        }
        catch (QuotaExceededException e)
        {
            return CutResult.Skipped(highlight.Id, $"No room for this clip: {e.Message}");
        }
    }

    private async Task<CutResult> WriteClipAsync(
        CutBatch batch, Highlight highlight, int? replacing, VodWrite write, ClipSource source, ClipBounds bounds, CutMode mode, BatchProgress tracker, int index,
        CancellationToken cancellationToken)
    {
        var stage = "cutting";
        var clipPercent = tracker.ForClip(index, () => stage);
        var rendered = await renderer.RenderAsync(source, bounds, mode, write.WorkFolder!, ProgressScale.Part(clipPercent, 5, 80), cancellationToken);
        var size = new FileInfo(rendered.Path).Length;
        if (size < options.Value.MinOutputBytes || rendered.Media.DurationSeconds <= 0)
        {
            throw new CutException($"The cut produced only {ByteSize.Format(size)} ({rendered.Media.DurationSeconds:0.##} s), below the minimum of {ByteSize.Format(options.Value.MinOutputBytes)} (Cutting:MinOutputBytes); nothing was stored.");
        }

        stage = "storing";
        clipPercent.Report(85);
        var title = Strings.Truncate(ClipTitle(highlight, new ClipBounds(rendered.SourceStart, rendered.SourceEnd)), Vod.MaxTitleLength);
        var link = claims.LinkClip(highlight.Id, batch.ClaimToken, write.Vod.Id, (rendered, title), batch.EveryHighlight ? batch.RequestedBy : null);
        List<string> replacedObjects = [];
        var stored = await write.StoreAsync(rendered.Path, size, rendered.Media, replacing is not { } replaced ? link : async (db, ct) =>
        {
            // In the commit's transaction: the old clip goes only with the new one stored. An editor may have deleted it meanwhile.
            var old = await db.Vods.Where(v => v.Id == replaced).Select(v => new { v.Title, v.StoredAt }).SingleOrDefaultAsync(ct);
            await link(db, ct);
            if (old is null)
            {
                return;
            }

            replacedObjects = await quota.DeleteWithinAsync(db, batch.AccountId, replaced, ct);
            db.HighlightActivities.Add(new HighlightActivity
            {
                HighlightId = highlight.Id, Action = HighlightActions.ClipReplaced, Actor = batch.RequestedBy,
                Detail = $"clip VOD {replaced} replaced by VOD {write.Vod.Id}, {new ClipBounds(rendered.SourceStart, rendered.SourceEnd)}",
                At = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(ct);

            // A name the editor gave the clip is theirs, not the bounds': it goes on the clip that replaces it.
            if (await db.HighlightActivities.AnyAsync(a => a.HighlightId == highlight.Id && a.Action == HighlightActions.ClipRenamed && a.At >= old.StoredAt, ct))
            {
                await db.Vods.Where(v => v.Id == write.Vod.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Title, old.Title), ct);
            }
        }, cancellationToken);
        try
        {
            await quota.RemoveObjectsAsync(replacedObjects);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The new clip is stored and linked: what is left is an object no row owns, which the start-up sweep removes.
            logger.LogWarning(e, "The replaced clip's objects of highlight {HighlightId} could not be removed yet", highlight.Id);
        }

        using (VodActivities.Start(VodActivities.CutEvent))
        {
            await events.PublishAsync(new VodArchivedEvent(stored.Id, stored.AccountId, stored.StreamId, stored.Type, stored.Provenance, title), CancellationToken.None);
        }

        logger.LogInformation("Cut highlight {HighlightId} ({Mode}, {Bounds}, real start {Start:0.###} s) as VOD {VodId}, {Size}",
            highlight.Id, rendered.Mode, bounds, rendered.SourceStart, stored.Id, ByteSize.Format(size));
        return new CutResult(highlight.Id, CutOutcome.Cut, rendered.FallbackReason, stored.Id, rendered.Mode);
    }

    /// <summary>A clip's name until an editor renames it: the stream, the highlight and the bounds of the source it holds.</summary>
    private static string ClipTitle(Highlight highlight, ClipBounds bounds) => $"{highlight.Stream?.Title ?? "Stream"} – highlight #{highlight.Rank} ({bounds})";

    /// <summary>
    /// Bytes to reserve and to preflight: the source's average rate over the clip, plus a GOP of pre-roll for a copy
    /// cut, or half again for a re-encode. Commit charges the real size.
    /// </summary>
    private static long Estimate(Vod source, ClipBounds bounds, CutMode mode)
    {
        var rate = source.SizeBytes / Math.Max(1, source.DurationSeconds ?? 1);
        var seconds = mode == CutMode.Copy ? bounds.Duration + 2 : bounds.Duration * 1.5;
        return (long)(rate * seconds) + 64 * 1024;
    }

    private static string Describe(Exception e) => e switch
    {
        CutException or InsufficientDiskSpaceException => e.Message,
        FfmpegException => $"ffmpeg could not cut this highlight: {e.Message}",
        StorageObjectNotFoundException => $"The source video is missing from storage: {e.Message}",
        VodInUseException => "The clip it replaces was being read by a running job when the new cut was ready; it is kept, and the new cut was not. Cut it again once that job has finished.",
        _ => $"Unexpected error while cutting: {e.Message}",
    };
}
