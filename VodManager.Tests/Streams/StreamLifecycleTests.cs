using Microsoft.EntityFrameworkCore;
using VodManager.Core.Accounts;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Streams;

/// <summary>
/// A stream made from its files, imported, detected, clipped and deleted again on real SQLite, ffmpeg and storage; and
/// every refusal on the way leaves nothing. Runs on local disk and on Azurite.
/// </summary>
public abstract class StreamLifecycleTests
{
    protected abstract Task<IDictionary<string, string?>> StorageAsync();

    private async Task<ImportHost> StartAsync() => await ImportHost.StartAsync(await StorageAsync());

    [Fact]
    public async Task A_stream_made_from_real_chat_and_a_video_is_imported_detected_clipped_and_deleted_without_a_trace()
    {
        await using var host = await StartAsync();
        var accountId = host.Account.Id;
        var video = host.CopyIntoRoot(await TestMedia.GetAsync(), "broadcast.mp4");
        var facts = RealChat.Of(RealChat.Small);
        var service = host.Get<NewStreamService>();
        var files = new NewStreamFiles(Chat: RealChat.Small, Video: video);

        var metadata = (await service.InspectAsync(files, CancellationToken.None)).Said;
        var streamId = await service.CreateAsync(accountId, files, StreamMetadata.Empty, "tester", deleteWhenDone: false, CancellationToken.None);

        Assert.Equal(($"VOD {facts.VodId}", facts.Broadcaster), (metadata.Title, metadata.Channel));
        Assert.Equal(20, metadata.DurationSeconds!.Value, 0.2); // the video's length beats the chat's
        await using (var db = await host.Core.DbAsync())
        {
            var stream = await db.Streams.AsNoTracking().SingleAsync(s => s.Id == streamId);
            Assert.Equal((metadata.Title, metadata.Channel, accountId), (stream.Title, stream.Channel, stream.AccountId));
            Assert.Equal(facts.StartedAt, stream.StartedAt, TimeSpan.FromMilliseconds(1));
            Assert.NotNull(stream.ChatImportedAt);
            Assert.NotNull(stream.DetectedAt); // chat alone started detection
            Assert.Equal(facts.Comments, await db.ChatMessages.CountAsync(m => m.StreamId == streamId));
            Assert.Single(await db.Vods.Where(v => v.StreamId == streamId && v.Type == VodType.Archive && v.Status == VodStatus.Stored).ToListAsync());
        }

        var highlight = await AddHighlightAsync(host, accountId, streamId, 4, 12);
        var cut = await host.Get<CutJobs>().CutAsync(accountId, highlight, mode: null, "tester", createAnyway: false, CancellationToken.None);
        await using (var db = await host.Core.DbAsync())
        {
            // The job lists name the highlight as its stream page shows it (rank, bounds), not by its row id.
            Assert.Equal("Cut highlight #99, 0:04.0–0:12.0", (await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == cut)).Title);
        }

        var manager = host.Get<StreamManager>();
        var usedBefore = await UsedBytesAsync(host);
        var described = await manager.DescribeDeletionAsync(accountId, streamId, CancellationToken.None);
        Assert.Equal((1, 1, facts.Comments, usedBefore), (described.Sources, described.Clips, described.ChatMessages, described.Bytes));
        Assert.True(usedBefore > new FileInfo(video).Length);

        var deleted = await manager.DeleteAsync(accountId, streamId, CancellationToken.None);

        Assert.Equal(described, deleted);
        await Leftovers.AssertNoneAsync(host.Core.Services, accountId);
        await using (var db = await host.Core.DbAsync())
        {
            Assert.False(await db.Streams.AnyAsync(s => s.Id == streamId));
            Assert.Equal(0, await db.ChatMessages.CountAsync(m => m.StreamId == streamId));
            Assert.Equal(0, await db.StreamEvents.CountAsync(m => m.StreamId == streamId));
            Assert.Equal(0, await db.Highlights.CountAsync(h => h.StreamId == streamId));
            Assert.Equal(0, await db.HighlightActivities.CountAsync());
            Assert.Equal(0, await db.VodMediaIndexes.CountAsync());
            Assert.Equal(0, await db.Jobs.CountAsync(j => j.StreamId == streamId));
            Assert.True(await db.Streams.AnyAsync(s => s.Id == host.Stream.Id)); // the account's other stream is untouched
        }

        Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(accountId, CancellationToken.None)).Balanced);
    }

    [Fact]
    public async Task A_stream_made_from_a_video_and_eventsub_messages_starts_when_twitch_says_and_keeps_its_events()
    {
        await using var host = await StartAsync();
        var video = host.CopyIntoRoot(await TestMedia.GetAsync(), "broadcast.mp4");
        // A bot's log of the EventSub messages of a broadcast without its chat: the stream went online at 10:00:00.
        var events = host.Imports.File("eventsub.jsonl");
        await File.WriteAllLinesAsync(events,
        [
            """{"metadata":{"message_id":"a","message_type":"session_welcome","message_timestamp":"2023-07-19T09:59:58.1Z"},"payload":{"session":{"id":"s","status":"connected"}}}""",
            """{"metadata":{"message_id":"b","message_type":"notification","message_timestamp":"2023-07-19T10:00:01.250000000Z","subscription_type":"stream.online","subscription_version":"1"},"payload":{"subscription":{"type":"stream.online"},"event":{"broadcaster_user_login":"cooler_user","broadcaster_user_name":"Cooler_User","type":"live","started_at":"2023-07-19T10:00:00Z"}}}""",
            """{"metadata":{"message_id":"c","message_type":"notification","message_timestamp":"2023-07-19T10:00:08.500000000Z","subscription_type":"channel.raid","subscription_version":"1"},"payload":{"subscription":{"type":"channel.raid"},"event":{"from_broadcaster_user_name":"Cool_User","to_broadcaster_user_name":"Cooler_User","viewers":9001}}}""",
        ]);
        var service = host.Get<NewStreamService>();
        var files = new NewStreamFiles(Events: events, Video: video);

        var metadata = (await service.InspectAsync(files, CancellationToken.None)).Said;
        var streamId = await service.CreateAsync(host.Account.Id, files, StreamMetadata.Empty, "tester", deleteWhenDone: false, CancellationToken.None);

        Assert.Equal(("Cooler_User", new DateTime(2023, 7, 19, 10, 0, 0, DateTimeKind.Utc)), (metadata.Channel, metadata.StartedAt));
        await using var db = await host.Core.DbAsync();
        var raid = await db.StreamEvents.SingleAsync(e => e.StreamId == streamId);
        Assert.Equal((StreamEventType.Raid, 8.5, 9001.0), (raid.Type, raid.OffsetSeconds, raid.Magnitude));
    }

    [Fact]
    public async Task A_bad_file_is_refused_before_any_stream_exists()
    {
        await using var host = await StartAsync();
        var junk = host.CopyIntoRoot(RealChat.Small, "not-a-video.mp4");
        var events = host.Imports.File("events.jsonl");
        await File.WriteAllTextAsync(events, "{\"type\":\"channel.raid\",\"offset_seconds\":12,\"event\":{\"viewers\":40}}\nthis is not json\n");
        var service = host.Get<NewStreamService>();
        var before = await StreamCountAsync(host);

        var badVideo = await Assert.ThrowsAsync<VideoImportException>(() => service.CreateAsync(host.Account.Id, new NewStreamFiles(Chat: RealChat.Small, Video: junk), StreamMetadata.Empty, "tester", false, CancellationToken.None));
        var badEvents = await Assert.ThrowsAsync<IngestException>(() => service.CreateAsync(host.Account.Id, new NewStreamFiles(Chat: RealChat.Small, Events: events), StreamMetadata.Empty, "tester", false, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<IngestException>(() => service.CreateAsync(host.Account.Id, new NewStreamFiles(Transcript: host.Imports.File("nope.vtt")), StreamMetadata.Empty, "tester", false, CancellationToken.None));

        Assert.Contains("not-a-video.mp4", badVideo.Message);
        Assert.Equal(("events.jsonl", 2L), (badEvents.File, badEvents.Line));
        Assert.Contains("no such file", missing.Message);
        Assert.Equal(before, await StreamCountAsync(host));
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_stream_with_a_running_job_is_not_deleted()
    {
        await using var host = await StartAsync();
        var manager = host.Get<StreamManager>();
        await using (var db = await host.Core.DbAsync())
        {
            db.Jobs.Add(new JobRecord { Id = Guid.NewGuid(), AccountId = host.Account.Id, StreamId = host.Stream.Id, Kind = "detect", Title = "Detect highlights", Status = JobStatus.Running, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<StreamException>(() => manager.DeleteAsync(host.Account.Id, host.Stream.Id, CancellationToken.None));

        Assert.Contains("Detect highlights", refused.Message);
        await using (var db = await host.Core.DbAsync())
        {
            Assert.True(await db.Streams.AnyAsync(s => s.Id == host.Stream.Id));
        }
    }

    [Fact]
    public async Task Details_are_checked_renamed_and_scoped_to_the_account()
    {
        await using var host = await StartAsync();
        var manager = host.Get<StreamManager>();
        var started = new DateTime(2026, 11, 30, 18, 0, 0, DateTimeKind.Utc);
        var id = await manager.CreateAsync(host.Account.Id, new StreamDetails("  Friday night  ", "me", started, null), CancellationToken.None);

        await manager.UpdateAsync(host.Account.Id, id, new StreamDetails("Friday night, renamed", "me_again", started.AddHours(1), 3600), CancellationToken.None);

        var summary = await host.Get<StreamCatalog>().GetAsync(host.Account.Id, id, CancellationToken.None);
        Assert.Equal(("Friday night, renamed", "me_again", started.AddHours(1), (double?)3600), (summary!.Title, summary.Channel, summary.StartedAt, summary.DurationSeconds));
        Assert.Contains("title", (await Assert.ThrowsAsync<StreamException>(() => manager.UpdateAsync(host.Account.Id, id, new StreamDetails(" ", "me", started, null), CancellationToken.None))).Message);
        Assert.Contains("channel", (await Assert.ThrowsAsync<StreamException>(() => manager.CreateAsync(host.Account.Id, new StreamDetails("t", "", started, null), CancellationToken.None))).Message);
        Assert.Contains("300", (await Assert.ThrowsAsync<StreamException>(() => manager.CreateAsync(host.Account.Id, new StreamDetails(new string('x', 301), "c", started, null), CancellationToken.None))).Message);

        var other = await AddAccountAsync(host);
        Assert.Contains("not found", (await Assert.ThrowsAsync<StreamException>(() => manager.DeleteAsync(other, id, CancellationToken.None))).Message);
        Assert.Contains("not found", (await Assert.ThrowsAsync<StreamException>(() => manager.UpdateAsync(other, id, new StreamDetails("x", "y", started, null), CancellationToken.None))).Message);
        Assert.NotNull(await host.Get<StreamCatalog>().GetAsync(host.Account.Id, id, CancellationToken.None));
    }

    private static async Task<int> AddHighlightAsync(ImportHost host, int accountId, int streamId, double start, double end)
    {
        await using var db = await host.Core.DbAsync();
        var highlight = Builders.Highlight(accountId, streamId, 99, start, end, score: 5);
        highlight.Explanation = "test";
        db.Highlights.Add(highlight);
        await db.SaveChangesAsync();
        return highlight.Id;
    }

    private static async Task<int> AddAccountAsync(ImportHost host)
    {
        await using var db = await host.Core.DbAsync();
        var account = new Account { Name = "Other", Plan = AccountPlan.Paid, CreatedAt = DateTime.UtcNow };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    private static async Task<long> UsedBytesAsync(ImportHost host)
    {
        await using var db = await host.Core.DbAsync();
        return (await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == host.Account.Id)).UsedBytes;
    }

    private static async Task<int> StreamCountAsync(ImportHost host)
    {
        await using var db = await host.Core.DbAsync();
        return await db.Streams.CountAsync();
    }
}
