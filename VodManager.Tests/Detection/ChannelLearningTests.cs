using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Editing;
using VodManager.Core.Ingest;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Ingest;
using VodManager.Core;

namespace VodManager.Tests.Detection;

/// <summary>
/// Per-channel learning over real SQLite and the real job handlers: an editor's decisions on one stream of a channel
/// (the real LiiHS chat) refit the channel's chat model once enough are in, another stream of that channel is then
/// detected with it and ranks differently, and a revert brings back the default's ranking.
/// </summary>
public sealed class ChannelLearningTests : IAsyncLifetime
{
    private const int RefitAfter = 6;

    private CoreHost _host = null!;
    private Account _account = null!;
    private LiveStream _edited = null!;
    private LiveStream _other = null!;

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["Detection:RefitAfterDecisions"] = $"{RefitAfter}" }, s => s.AddJobHandlers());
        (_account, _edited) = await _host.AddAccountWithStreamAsync();
        await using (var db = await _host.DbAsync())
        {
            // The same channel written differently: Twitch names ignore case.
            _other = new LiveStream { AccountId = _account.Id, Channel = " TEST_Channel", Title = "Next stream", StartedAt = DateTime.UtcNow, StartAssumed = true, CreatedAt = DateTime.UtcNow };
            db.Streams.Add(_other);
            await db.SaveChangesAsync();
        }

        var ingest = _host.Get<IngestService>();
        await ingest.ImportAsync(_account.Id, _edited.Id, IngestKind.Chat, Parsers.RealChat(Parsers.BigRealLog), null, CancellationToken.None);
        await ingest.ImportAsync(_account.Id, _other.Id, IngestKind.Chat, Parsers.RealChat(Parsers.SmallRealLog), null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<List<Highlight>> DetectAsync(LiveStream stream)
    {
        await _host.Get<DetectionService>().DetectAsync(_account.Id, stream.Id, null, CancellationToken.None);
        await using var db = await _host.DbAsync();
        return await db.Highlights.AsNoTracking().Where(h => h.StreamId == stream.Id).OrderBy(h => h.Rank).ToListAsync();
    }

    private async Task<LiveStream> StreamAsync(LiveStream stream)
    {
        await using var db = await _host.DbAsync();
        return await db.Streams.AsNoTracking().SingleAsync(s => s.Id == stream.Id);
    }

    private async Task<ChannelModel?> StoredAsync()
    {
        await using var db = await _host.DbAsync();
        return await db.ChannelModels.AsNoTracking().SingleOrDefaultAsync(m => m.AccountId == _account.Id);
    }

    /// <summary>
    /// An editor with a taste the default lacks: of the detected highlights, the three whose chat writes the longest
    /// lines are kept and the three with the shortest dismissed. The default reads short lines as reactions, so it
    /// ranks these decisions backwards, and a refit on them has something to learn whatever the highlights are.
    /// </summary>
    private async Task<(List<Highlight> Dismissed, List<Highlight> Kept)> TasteAsync(List<Highlight> edited)
    {
        var input = (await _host.Get<StreamSignalLoader>().LoadAsync(_account.Id, _edited.Id, measureAudio: false, progress: null, CancellationToken.None))!;
        var model = ChatModel.Default;
        var features = ChatFeatures.Compute(input.Chat!, (int)Math.Ceiling(input.DurationSeconds), model.WindowSeconds, model.DelaySeconds, new ChatOptions());
        var length = ChatFeatures.Column("length");
        var byLength = edited.OrderBy(h => Enumerable.Range((int)h.DetectedStart, (int)(h.DetectedEnd - h.DetectedStart)).Average(s => features[length, s])).ToList();
        return (byLength.Take(3).ToList(), byLength.TakeLast(3).ToList());
    }

    [Fact]
    public async Task Moments_editors_mark_are_right_examples_of_the_refit_and_one_dismissed_again_is_none()
    {
        var learning = _host.Get<ChannelLearning>();
        var editor = _host.Get<HighlightEditor>();
        var detected = await DetectAsync(_edited);
        async Task<int> DecidedAsync() => (await learning.StatusAsync(_account.Id, _edited.Id, CancellationToken.None))!.DecidedNow;

        // Moments 40 s after detected ones end, where detection left a gap: what an editor watching it found.
        var marks = detected.Select(h => h.DetectedEnd + 40)
            .Where(t => !detected.Any(h => h.DetectedStart < t + 20 && t < h.DetectedEnd)).Take(RefitAfter / 2).ToList();
        Assert.Equal(RefitAfter / 2, marks.Count);

        var mistake = await editor.AddAsync(_account.Id, _edited.Id, marks[0], marks[0] + 20, "editor", CancellationToken.None);
        Assert.Equal(1, await DecidedAsync());
        await editor.DismissAsync(_account.Id, [mistake.HighlightId], "editor", CancellationToken.None);
        Assert.Equal(0, await DecidedAsync());
        await editor.RemoveAddedAsync(_account.Id, mistake.HighlightId, "editor", CancellationToken.None);

        // Half the refit's decisions dismissed detections, half marked moments: the marks are its right examples.
        await editor.DismissAsync(_account.Id, detected.Take(RefitAfter / 2).Select(h => h.Id).ToList(), "editor", CancellationToken.None);
        foreach (var mark in marks)
        {
            await editor.AddAsync(_account.Id, _edited.Id, mark, mark + 20, "editor", CancellationToken.None);
        }

        var stored = await StoredAsync();
        Assert.NotNull(stored);
        Assert.Equal((RefitAfter, RefitAfter / 2, RefitAfter / 2), (stored.Decisions, stored.Positives, stored.Negatives));
    }

    [Fact]
    public async Task Decisions_refit_the_channels_model_which_detects_its_next_stream_until_reverted()
    {
        var learning = _host.Get<ChannelLearning>();
        var editor = _host.Get<HighlightEditor>();
        var byDefault = await DetectAsync(_other);
        var edited = await DetectAsync(_edited);
        Assert.Null((await StreamAsync(_other)).DetectedWithDecisions);
        Assert.Equal(RefitAfter, (await learning.StatusAsync(_account.Id, _other.Id, CancellationToken.None))!.UntilRefit);

        // The editor dismisses three and keeps three, trimmed, the last of them after the others.
        var (dismissed, kept) = await TasteAsync(edited);
        await editor.DismissAsync(_account.Id, dismissed.Select(h => h.Id).ToList(), "editor", CancellationToken.None);
        foreach (var keep in kept.Take(2))
        {
            await editor.SaveTrimAsync(_account.Id, keep.Id, keep.DetectedStart + 1, keep.DetectedEnd - 1, null, "editor", CancellationToken.None);
        }

        Assert.Null(await StoredAsync());
        var last = kept[2];
        await editor.SaveTrimAsync(_account.Id, last.Id, last.DetectedStart + 1, last.DetectedEnd - 1, null, "editor", CancellationToken.None);

        var stored = await StoredAsync();
        Assert.NotNull(stored?.ModelJson);
        Assert.Equal(("test_channel", RefitAfter, 3, 3), (stored.Channel, stored.Decisions, stored.Positives, stored.Negatives));
        Assert.True(stored.TunedAgreement > stored.DefaultAgreement, $"agreement with the decisions: default {stored.DefaultAgreement}, tuned {stored.TunedAgreement}");
        Assert.NotEqual(ChatModel.Default.Weights, ChatModel.Parse(stored.ModelJson).Weights);
        await using (var db = await _host.DbAsync())
        {
            Assert.Contains(await db.Jobs.Select(j => j.Kind).ToListAsync(), k => k == RefitChannelModelRequest.JobKind);
        }

        var tuned = await DetectAsync(_other);
        Assert.Equal(RefitAfter, (await StreamAsync(_other)).DetectedWithDecisions);
        // The minimap's chat curve comes from the model that detects the channel (on the longer stream, whose chat peaks).
        var input = await _host.Get<StreamSignalLoader>().LoadAsync(_account.Id, _edited.Id, measureAudio: false, progress: null, CancellationToken.None);
        var tunedCurve = (await _host.Get<SignalCurveService>().GetAsync(_account.Id, _edited.Id, CancellationToken.None))!.Chat;
        Assert.Equal(_host.Get<HighlightScorer>().Curves(input!, ChatModel.Parse(stored.ModelJson)).Chat, tunedCurve);
        Assert.NotEqual(_host.Get<HighlightScorer>().Curves(input!).Chat, tunedCurve);
        Assert.NotEqual(byDefault.Select(h => h.DetectedStart), tuned.Select(h => h.DetectedStart));
        Assert.True((await learning.StatusAsync(_account.Id, _other.Id, CancellationToken.None))!.Tuned);

        await learning.RevertAsync(_account.Id, _other.Id, "editor", CancellationToken.None);

        var status = (await learning.StatusAsync(_account.Id, _edited.Id, CancellationToken.None))!;
        Assert.False(status.Tuned);
        Assert.Equal(RefitAfter, status.UntilRefit);
        Assert.Null((await StoredAsync())!.ModelJson);
        Assert.Equal(_host.Get<HighlightScorer>().Curves(input!).Chat, (await _host.Get<SignalCurveService>().GetAsync(_account.Id, _edited.Id, CancellationToken.None))!.Chat);
        var reverted = await DetectAsync(_other);
        Assert.Null((await StreamAsync(_other)).DetectedWithDecisions);
        Assert.Equal(byDefault.Select(h => (h.DetectedStart, h.DetectedEnd)), reverted.Select(h => (h.DetectedStart, h.DetectedEnd)));
        var again = await Assert.ThrowsAsync<DetectionException>(() => learning.RevertAsync(_account.Id, _other.Id, "editor", CancellationToken.None));
        Assert.Contains("already uses the default model", again.Message);
    }

    [Fact]
    public async Task A_refit_with_nothing_to_fit_waits_for_new_decisions_instead_of_running_again_on_each()
    {
        List<Highlight> highlights;
        await using (var db = await _host.DbAsync())
        {
            var quiet = new LiveStream { AccountId = _account.Id, Channel = "no_chat_channel", Title = "Without chat", StartedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow };
            db.Streams.Add(quiet);
            await db.SaveChangesAsync();
            highlights = Enumerable.Range(0, RefitAfter + 2)
                .Select(i => new Highlight { AccountId = _account.Id, StreamId = quiet.Id, Rank = i + 1, DetectedStart = 10 * i, DetectedEnd = 10 * i + 5, Score = 1, CreatedAt = DateTime.UtcNow })
                .ToList();
            db.Highlights.AddRange(highlights);
            await db.SaveChangesAsync();
        }

        async Task<int> RefitJobsAsync()
        {
            await using var db = await _host.DbAsync();
            return await db.Jobs.CountAsync(j => j.Kind == RefitChannelModelRequest.JobKind);
        }

        var editor = _host.Get<HighlightEditor>();
        foreach (var highlight in highlights.Take(RefitAfter))
        {
            await editor.DismissAsync(_account.Id, [highlight.Id], "editor", CancellationToken.None);
        }

        // Due after RefitAfter decisions: the refit ran, found no kept highlight with chat, fitted nothing.
        Assert.Equal(1, await RefitJobsAsync());
        var status = (await _host.Get<ChannelLearning>().StatusAsync(_account.Id, highlights[0].StreamId, CancellationToken.None))!;
        Assert.False(status.Tuned);
        Assert.Equal(RefitAfter, status.UntilRefit);

        await editor.DismissAsync(_account.Id, [highlights[RefitAfter].Id], "editor", CancellationToken.None);
        await editor.DismissAsync(_account.Id, [highlights[RefitAfter + 1].Id], "editor", CancellationToken.None);

        Assert.Equal(1, await RefitJobsAsync());
        Assert.Equal(RefitAfter - 2, (await _host.Get<ChannelLearning>().StatusAsync(_account.Id, highlights[0].StreamId, CancellationToken.None))!.UntilRefit);
    }

    [Fact]
    public async Task Another_accounts_channel_of_the_same_name_keeps_the_default()
    {
        var (stranger, strangerStream) = await _host.AddAccountWithStreamAsync(name: "Another account");
        var edited = await DetectAsync(_edited);
        var editor = _host.Get<HighlightEditor>();
        var (dismissed, kept) = await TasteAsync(edited);
        await editor.DismissAsync(_account.Id, dismissed.Select(h => h.Id).ToList(), "editor", CancellationToken.None);
        foreach (var keep in kept)
        {
            await editor.SaveTrimAsync(_account.Id, keep.Id, keep.DetectedStart + 1, keep.DetectedEnd - 1, null, "editor", CancellationToken.None);
        }

        Assert.NotNull((await StoredAsync())?.ModelJson);
        Assert.Null(await _host.Get<ChannelLearning>().ModelForAsync(stranger.Id, strangerStream.Id, CancellationToken.None));
        Assert.NotNull(await _host.Get<ChannelLearning>().ModelForAsync(_account.Id, _other.Id, CancellationToken.None));
    }
}
