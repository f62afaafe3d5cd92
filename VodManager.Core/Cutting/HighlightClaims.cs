using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Media;
using VodManager.Core.Quota;

namespace VodManager.Core.Cutting;

/// <summary>
/// The per-highlight state of cutting, kept on the highlight for the editor: queued, claimed by one job, done with a
/// clip, skipped or failed with a reason. A claim is one conditional UPDATE, so of two concurrent requests exactly
/// one gets to cut; the loser never writes to the highlight.
/// </summary>
public sealed class HighlightClaims(IDbContextFactory<VodDbContext> dbFactory, IOptions<CuttingOptions> options, TimeProvider time)
{
    /// <summary>The size of a highlight's clip error and a clip's detail column.</summary>
    private const int ErrorMaxLength = 1000;

    /// <summary>
    /// Marks highlights as queued for a cut: those without a clip (or, cutting again, still with the clip
    /// <paramref name="replacing"/>) and not claimed by a running job.
    /// </summary>
    public async Task MarkQueuedAsync(int accountId, IReadOnlyCollection<int> highlightIds, int? replacing, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Highlights
            .Where(h => h.AccountId == accountId && highlightIds.Contains(h.Id) && h.ClipVodId == replacing && (h.ClipClaimToken == null || h.ClipClaimExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ClipStatus, ClipStatus.Queued).SetProperty(h => h.ClipError, (string?)null), cancellationToken);
    }

    /// <summary>
    /// Takes the right to cut a highlight. Succeeds when nobody holds it, when the claim lapsed, or when this token
    /// already holds it (a job recovered after a crash re-takes its own claims). The highlight must have no clip, or
    /// to cut it again, still have the one <paramref name="replacing"/> names (kept until the new one is stored).
    /// </summary>
    public async Task<bool> TryClaimAsync(int accountId, int highlightId, string token, int? replacing, CancellationToken cancellationToken)
    {
        var now = Now;
        var expires = now + options.Value.ClaimLease;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Highlights
            .Where(h => h.Id == highlightId && h.AccountId == accountId && h.ClipVodId == replacing
                && (h.ClipClaimToken == null || h.ClipClaimToken == token || h.ClipClaimExpiresAt < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(h => h.ClipClaimToken, token)
                .SetProperty(h => h.ClipClaimExpiresAt, expires)
                .SetProperty(h => h.ClipStatus, ClipStatus.Cutting)
                .SetProperty(h => h.ClipError, (string?)null), cancellationToken);
        return claimed == 1;
    }

    /// <summary>
    /// Ends this token's claim with the result the editor sees; does nothing if the claim was lost. A highlight whose
    /// cut again failed still has its clip: it stays done, with the reason beside it.
    /// </summary>
    public async Task FinishAsync(int highlightId, string token, CutResult result)
    {
        var status = result.Outcome switch
        {
            CutOutcome.Skipped => ClipStatus.Skipped,
            CutOutcome.Failed => ClipStatus.Failed,
            _ => ClipStatus.Done,
        };
        var error = result.Reason is null ? null : Strings.Shorten(result.Reason, ErrorMaxLength - 1);
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.Highlights.Where(h => h.Id == highlightId && h.ClipClaimToken == token).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.ClipStatus, UnlessClipped(status))
            .SetProperty(h => h.ClipError, error)
            .SetProperty(h => h.ClipClaimToken, (string?)null)
            .SetProperty(h => h.ClipClaimExpiresAt, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>Highlights a cancelled batch never reached: no longer queued, with the reason.</summary>
    public async Task SkipUnstartedAsync(int accountId, IReadOnlyCollection<int> highlightIds, string reason)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.Highlights
            .Where(h => h.AccountId == accountId && highlightIds.Contains(h.Id) && h.ClipStatus == ClipStatus.Queued && h.ClipClaimToken == null)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ClipStatus, UnlessClipped(ClipStatus.Skipped)).SetProperty(h => h.ClipError, reason), CancellationToken.None);
    }

    /// <summary>
    /// The status a cut that made no clip leaves: <paramref name="status"/>, or done when the highlight still has the
    /// clip a cut again was to replace (the reason stays beside it).
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Highlight, ClipStatus>> UnlessClipped(ClipStatus status) =>
        h => h.ClipVodId != null ? ClipStatus.Done : status;

    /// <summary>
    /// Links a stored clip to its highlight, in a transaction of its own, ending the claim: when a retry finds the
    /// clip already stored.
    /// </summary>
    public async Task LinkClipAsync(int highlightId, string token, int vodId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InTransactionAsync(ct => LinkClip(highlightId, token, vodId, cut: null)(db, ct), cancellationToken);
    }

    /// <summary>
    /// Links a new clip to its highlight and records how it was really cut, ending the claim: written in the
    /// transaction that commits the clip's VOD (<see cref="VodWrite.StoreAsync(string, long, MediaInfo, Func{VodDbContext, CancellationToken, Task}, CancellationToken)"/>),
    /// so a stored clip is never left unlinked.
    /// </summary>
    /// <param name="cut">The clip as rendered, and its title naming the bounds it was really cut at (a copy cut starts on the keyframe before the asked start).</param>
    /// <param name="cutAllBy">Who asked for "cut all", when the clip was cut that way (<see cref="HighlightActions.ClipCutAll"/>).</param>
    public Func<VodDbContext, CancellationToken, Task> LinkClip(int highlightId, string token, int vodId, (RenderedClip Rendered, string Title)? cut, string? cutAllBy = null) => async (db, ct) =>
    {
        if (cutAllBy is not null)
        {
            db.HighlightActivities.Add(new HighlightActivity
            {
                HighlightId = highlightId, Action = HighlightActions.ClipCutAll, Actor = cutAllBy, Detail = $"clip VOD {vodId}, cut with every highlight of the stream", At = Now,
            });
            await db.SaveChangesAsync(ct);
        }

        if (cut is (var rendered, var title))
        {
            await db.Vods.Where(v => v.Id == vodId).ExecuteUpdateAsync(s => s
                .SetProperty(v => v.Title, title)
                .SetProperty(v => v.SourceStartSeconds, rendered.SourceStart)
                .SetProperty(v => v.SourceEndSeconds, rendered.SourceEnd)
                .SetProperty(v => v.CutMode, rendered.Mode), ct);
            if (rendered.FallbackReason is { } reason)
            {
                db.HighlightActivities.Add(new HighlightActivity
                {
                    HighlightId = highlightId,
                    Action = HighlightActions.SmartCutFallback,
                    Actor = "system",
                    Detail = Strings.Shorten($"Smart cut failed its check and was redone as a precise cut: {reason}", ErrorMaxLength - 1),
                    At = Now,
                });
                await db.SaveChangesAsync(ct);
            }
        }

        await db.Highlights.Where(h => h.Id == highlightId && (h.ClipClaimToken == token || h.ClipClaimToken == null)).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.ClipVodId, vodId)
            .SetProperty(h => h.ClipStatus, ClipStatus.Done)
            .SetProperty(h => h.ClipError, (string?)null)
            .SetProperty(h => h.ClipClaimToken, (string?)null)
            .SetProperty(h => h.ClipClaimExpiresAt, (DateTime?)null), ct);
    };

    /// <summary>Records an editor's "Create clip anyway" over a not-clipable verdict: who and when, on the highlight and in its activity.</summary>
    public async Task RecordOverrideAsync(int accountId, int highlightId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var highlight = await db.Highlights.SingleOrDefaultAsync(h => h.Id == highlightId && h.AccountId == accountId, cancellationToken)
            ?? throw new KeyNotFoundException($"Highlight {highlightId} was not found.");
        if (highlight.ClipOverrideBy is not null)
        {
            return;
        }

        highlight.ClipOverrideBy = actor;
        highlight.ClipOverrideAt = Now;
        db.HighlightActivities.Add(new HighlightActivity
        {
            HighlightId = highlightId,
            Action = "clip-override",
            Actor = actor,
            Detail = $"Create clip anyway (refinement said not clipable{(highlight.Confidence is { } c ? $", confidence {c:0.00}" : "")})",
            At = highlight.ClipOverrideAt.Value,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
