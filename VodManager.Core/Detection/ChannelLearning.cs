using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Jobs;

namespace VodManager.Core.Detection;

/// <summary>
/// Learning each channel from its editors: a kept highlight (cut into a clip or trimmed, with its bounds) is a right
/// example, a dismissed one a wrong one. Once <see cref="DetectionOptions.RefitAfterDecisions"/> new decisions have
/// come in, a background job refits the default chat model on the channel's examples (its own chat delay, pulled
/// towards the default, <see cref="ChannelRefit"/>) and stores it when it ranks the channel's held-out decisions better
/// than the default does (else the channel keeps the default until more decisions come in); later detections of the
/// channel's streams use it until an editor reverts to the default. A channel is the streams' channel name within the account, case ignored.
/// </summary>
public sealed class ChannelLearning(
    IDbContextFactory<VodDbContext> dbFactory,
    StreamSignalLoader loader,
    IJobQueue jobs,
    IOptions<DetectionOptions> options,
    TimeProvider time,
    ILogger<ChannelLearning> logger)
{
    public static string Key(string channel) => channel.Trim().ToLowerInvariant();

    /// <summary>The channel's own model for detecting <paramref name="streamId"/>, or null when the default applies.</summary>
    public async Task<ChannelModel?> ModelForAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await ChannelOfAsync(db, accountId, streamId, cancellationToken);
        return channel is null
            ? null
            : await db.ChannelModels.AsNoTracking().SingleOrDefaultAsync(m => m.AccountId == accountId && m.Channel == channel && m.ModelJson != null, cancellationToken);
    }

    /// <returns>Null when the stream is not in this account.</returns>
    public async Task<ChannelModelStatus?> StatusAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await ChannelOfAsync(db, accountId, streamId, cancellationToken);
        if (channel is null)
        {
            return null;
        }

        var row = await db.ChannelModels.AsNoTracking().SingleOrDefaultAsync(m => m.AccountId == accountId && m.Channel == channel, cancellationToken);
        var decided = await Decided(db, accountId, channel).CountAsync(cancellationToken);
        return new ChannelModelStatus(channel, row?.ModelJson is not null, row?.Decisions ?? 0, row?.TrainedAt, decided, options.Value.RefitAfterDecisions, row?.DefaultAgreement, row?.TunedAgreement);
    }

    /// <summary>After an editor's decision on <paramref name="streamId"/>: queues the channel's refit once enough are new.</summary>
    /// <returns>The refit job's id, or null when it is not due.</returns>
    public async Task<Guid?> AfterDecisionAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(accountId, streamId, cancellationToken);
        return status is { UntilRefit: 0 }
            ? await jobs.EnqueueAsync(new RefitChannelModelRequest { AccountId = accountId, StreamId = streamId, RequestedBy = "system" }, cancellationToken)
            : null;
    }

    /// <summary>
    /// Refits and stores the channel's model when it is due (a second queued refit finds nothing new and does nothing).
    /// Streams without chat give no examples; a channel whose decisions hold no kept highlight keeps what it has.
    /// </summary>
    /// <returns>The stored model, or null when nothing was fitted or the default did better on held-out decisions.</returns>
    public async Task<ChannelModel?> RefitAsync(int accountId, int streamId, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(accountId, streamId, cancellationToken);
        if (status is not { UntilRefit: 0 })
        {
            return null;
        }

        progress?.Report(new JobProgress("reading decisions", 5));
        List<Decision> decisions;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            decisions = await Decided(db, accountId, status.Channel)
                .Select(h => new Decision(h.StreamId, !h.Dismissed, h.TrimStart ?? h.RefinedStart ?? h.DetectedStart, h.TrimEnd ?? h.RefinedEnd ?? h.DetectedEnd))
                .ToListAsync(cancellationToken);
        }

        var streams = new List<LabelledChat>();
        var groups = decisions.GroupBy(d => d.StreamId).ToList();
        foreach (var (group, i) in groups.Select((g, i) => (g, i)))
        {
            progress?.Report(new JobProgress("reading chat", 10 + 70.0 * i / groups.Count));
            var input = await loader.LoadAsync(accountId, group.Key, measureAudio: false, progress: null, cancellationToken);
            if (input?.Chat is { } chat)
            {
                streams.Add(new LabelledChat(chat, (int)Math.Ceiling(input.DurationSeconds), Bounds(group, kept: true), Bounds(group, kept: false)));
            }
        }

        var positives = streams.Sum(s => s.Positives.Count);
        if (positives == 0)
        {
            await CountAsSeenAsync(accountId, status.Channel, decisions.Count, cancellationToken);
            logger.LogInformation("Channel {Channel} of account {AccountId}: no kept highlight with chat among {Count} decisions; no refit", status.Channel, accountId, decisions.Count);
            return null;
        }

        progress?.Report(new JobProgress("fitting", 85, $"{decisions.Count} decisions"));
        var now = time.GetUtcNow();
        var (model, before, after) = ChannelRefit.Fit(ChatModel.Default, streams, options.Value.Chat, $"default + {decisions.Count} decisions of {status.Channel}", now);
        var negatives = streams.Sum(s => s.Negatives!.Count);

        await using var write = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await write.InTransactionAsync(async ct =>
        {
            var row = await write.ChannelModels.SingleOrDefaultAsync(m => m.AccountId == accountId && m.Channel == status.Channel, ct);
            if (row is null)
            {
                row = new ChannelModel { AccountId = accountId, Channel = status.Channel };
                write.ChannelModels.Add(row);
            }

            (row.ModelJson, row.Decisions, row.Positives, row.Negatives) = (model?.ToJson(), decisions.Count, positives, negatives);
            (row.DefaultAgreement, row.TunedAgreement, row.TrainedAt, row.RevertedBy, row.RevertedAt) = (before, after, now.UtcDateTime, null, null);
            await write.SaveChangesAsync(ct);
            return row;
        }, cancellationToken);
        var outcome = model is null ? "default kept" : "tuned";
        progress?.Report(new JobProgress(outcome, 100, $"{decisions.Count} decisions, held-out agreement {before:0.00} default, {after:0.00} tuned"));
        logger.LogInformation("Channel {Channel} of account {AccountId}: {Outcome} after {Decisions} decisions (held-out agreement default {Before:0.00}, tuned {After:0.00})", status.Channel, accountId, outcome, decisions.Count, before, after);
        return model is null ? null : stored;
    }

    /// <summary>
    /// Records that a channel without a model of its own had its decisions looked at and nothing to fit, so its next
    /// refit waits for new ones: else every later decision (each clip of a batch, on a channel without chat) queued
    /// another refit that read all of them again for nothing.
    /// </summary>
    private async Task CountAsSeenAsync(int accountId, string channel, int decisions, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            var row = await db.ChannelModels.SingleOrDefaultAsync(m => m.AccountId == accountId && m.Channel == channel, ct);
            if (row?.ModelJson is not null)
            {
                return;
            }

            row ??= db.ChannelModels.Add(new ChannelModel { AccountId = accountId, Channel = channel }).Entity;
            row.Decisions = decisions;
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
    }

    /// <summary>Back to the default model for the channel of <paramref name="streamId"/>; the next refit waits for new decisions.</summary>
    public async Task RevertAsync(int accountId, int streamId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            var channel = await ChannelOfAsync(db, accountId, streamId, ct) ?? throw new DetectionException($"Stream {streamId} was not found.");
            var row = await db.ChannelModels.SingleOrDefaultAsync(m => m.AccountId == accountId && m.Channel == channel && m.ModelJson != null, ct)
                ?? throw new DetectionException($"Channel {channel} already uses the default model.");
            (row.ModelJson, row.Decisions, row.RevertedBy, row.RevertedAt) = (null, await Decided(db, accountId, channel).CountAsync(ct), actor, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        logger.LogInformation("{Actor} reverted the chat model of stream {StreamId}'s channel to the default", actor, streamId);
    }

    private static async Task<string?> ChannelOfAsync(VodDbContext db, int accountId, int streamId, CancellationToken cancellationToken)
    {
        var channel = await db.Streams.Where(s => s.Id == streamId && s.AccountId == accountId).Select(s => s.Channel).SingleOrDefaultAsync(cancellationToken);
        return channel is null ? null : Key(channel);
    }

    /// <summary>
    /// The channel's highlights an editor decided: dismissed, trimmed, or cut into a clip one by one or among a selection
    /// (a clip of "cut all" was chosen by nobody: every highlight is cut, the wrong ones too); and the moments editors
    /// marked by hand (detection missed them: the surest right examples), unless dismissed again.
    /// </summary>
    private static IQueryable<Highlight> Decided(VodDbContext db, int accountId, string channel) =>
        db.Highlights.Where(h => h.AccountId == accountId && h.Stream!.Channel.Trim().ToLower() == channel
            && (h.AddedBy == null
                ? h.Dismissed || h.TrimStart != null
                    || (h.ClipVodId != null && !h.Activity.Any(a => a.Action == HighlightActions.ClipCutAll && a.At >= h.ClipVod!.CreatedAt))
                : !h.Dismissed));

    private static List<(double Start, double End)> Bounds(IEnumerable<Decision> decisions, bool kept) =>
        decisions.Where(d => d.Kept == kept).Select(d => (d.Start, d.End)).ToList();

    private sealed record Decision(int StreamId, bool Kept, double Start, double End);
}
