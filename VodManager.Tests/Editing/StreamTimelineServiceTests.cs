using Microsoft.EntityFrameworkCore;
using VodManager.Core.Editing;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Editing;

/// <summary>The replay minimap's data from a real database and, for keyframes, a real video.</summary>
public sealed class StreamTimelineServiceTests : IAsyncLifetime
{
    private CoreHost _host = default!;

    private StreamTimelineService Timelines => _host.Get<StreamTimelineService>();

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["Editor:HeatBuckets"] = "24" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Chat_is_counted_per_bucket_across_the_whole_stream()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        await using (var db = await _host.DbAsync())
        {
            await db.Streams.Where(s => s.Id == stream.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DurationSeconds, 240.0));
        }

        await EditorData.AddChatAndEventsAsync(_host.Services, stream.Id, 240, bursts: [66, 171]);

        var timeline = await Timelines.GetAsync(account.Id, stream.Id, CancellationToken.None);

        Assert.NotNull(timeline);
        Assert.Equal(240, timeline.DurationSeconds);
        Assert.Equal(10, timeline.BucketSeconds);
        Assert.Equal(24, timeline.ChatCounts.Count);
        Assert.Equal(120 + 90, timeline.ChatCounts.Sum());

        // Baseline: 5 lines per 10 s bucket; each burst of 45 lines over 6.6 s lands in the buckets it covers.
        Assert.Equal(5, timeline.ChatCounts[0]);
        Assert.Equal(5 + 5 + 45, timeline.ChatCounts[6] + timeline.ChatCounts[7]);
        Assert.Equal(5 + 45, timeline.ChatCounts[17]);

        // Detection's signals, bucketed the same way: chat spikes where the bursts are, events where the events are.
        var chat = timeline.Signals.Chat;
        Assert.Contains(Array.IndexOf(chat, chat.Max()), new[] { 6, 7, 17 });
        Assert.True(chat[0] < chat.Max() / 2);
        Assert.Equal(0, timeline.Signals.Events[0]);
        Assert.True(timeline.Signals.Events[14] > 0);
        Assert.Equal(24, timeline.Signals.Audio.Length);
        Assert.Equal([StreamEventType.Cheer, StreamEventType.GiftSubs, StreamEventType.Raid, StreamEventType.HypeTrain], timeline.Events.Select(e => e.Type));
        Assert.Null(timeline.Source);
        Assert.Null(timeline.Media);
    }

    [Fact]
    public async Task Without_a_known_duration_the_stream_reaches_its_last_event()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        await EditorData.AddChatAndEventsAsync(_host.Services, stream.Id, 100);

        var timeline = await Timelines.GetAsync(account.Id, stream.Id, CancellationToken.None);

        Assert.InRange(timeline!.DurationSeconds, 200, 240);
        Assert.Equal(50, timeline.ChatCounts.Sum());
    }

    [Fact]
    public async Task Another_account_s_stream_has_no_timeline()
    {
        var (_, stream) = await _host.AddAccountWithStreamAsync();
        var (other, _) = await _host.AddAccountWithStreamAsync(name: "Other");

        Assert.Null(await Timelines.GetAsync(other.Id, stream.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_stored_source_gets_its_keyframes_indexed_once_and_then_shows_them()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        var video = await TestMedia.GetAsync();
        await _host.Get<VideoImportService>().ImportLocalFileAsync(account.Id, stream.Id, video, null, CancellationToken.None);
        var before = await Timelines.GetAsync(account.Id, stream.Id, CancellationToken.None);
        Assert.NotNull(before!.Source);
        Assert.Null(before.Media);

        Assert.NotNull(await Timelines.IndexSourceAsync(account.Id, stream.Id, CancellationToken.None));

        var after = await Timelines.GetAsync(account.Id, stream.Id, CancellationToken.None);
        Assert.Equal(20, after!.DurationSeconds, precision: 0);
        Assert.Equal([0, 2, 4, 6, 8, 10, 12, 14, 16, 18], after.Media!.Keyframes.Select(k => Math.Round(k, 1)));
    }
}
