using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Ingest;

namespace VodManager.Tests.Detection;

/// <summary>
/// Detection started by finished imports, on each database: imports that end together claim one detection through one
/// conditional update, which has to hold on SQLite's single writer and on PostgreSQL's row locks alike; a stream's
/// first video detects again unless a detection that will read it is still queued.
/// </summary>
public abstract class DetectionAfterImportTests : IAsyncLifetime
{
    private static readonly string Chat = Parsers.RealChat(Parsers.SmallRealLog);

    private CoreHost _host = null!;
    private Account _account = null!;
    private LiveStream _stream = null!;

    protected abstract DatabaseEngine Engine { get; }

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync(await TestDatabase.SettingsAsync(Engine), s => s.AddJobHandlers());
        (_account, _stream) = await _host.AddAccountWithStreamAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task ImportAsync(IngestKind kind, string path) =>
        _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, kind, path, null, CancellationToken.None);

    private async Task<List<Highlight>> HighlightsAsync()
    {
        await using var db = await _host.DbAsync();
        return await db.Highlights.Where(h => h.StreamId == _stream.Id).ToListAsync();
    }

    private async Task<int> DetectionJobsAsync(int streamId)
    {
        await using var db = await _host.DbAsync();
        return await db.Jobs.CountAsync(j => j.StreamId == streamId && j.Kind == DetectHighlightsRequest.JobKind);
    }

    [Fact]
    public async Task Chat_and_events_imports_that_end_together_start_one_detection_and_a_later_import_starts_another()
    {
        using var folder = new TempFolder();
        var events = folder.File("events.jsonl");
        await File.WriteAllTextAsync(events, "{\"type\":\"channel.raid\",\"offset_seconds\":148,\"event\":{\"viewers\":250}}\n");
        var tracker = _host.Get<JobTracker>();
        async Task<JobRun> RunningAsync(IngestKind kind, string path)
        {
            var import = new ImportFileRequest { AccountId = _account.Id, StreamId = _stream.Id, DataKind = kind, Path = path, StartDetection = kind == IngestKind.Events };
            return await tracker.StartAsync(await tracker.RecordQueuedAsync(import, CancellationToken.None), import, CancellationToken.None);
        }

        // A new stream's chat and events import side by side; both are in when each asks whether detection may start.
        var chat = await RunningAsync(IngestKind.Chat, Chat);
        var raid = await RunningAsync(IngestKind.Events, events);
        await ImportAsync(IngestKind.Chat, Chat);
        await ImportAsync(IngestKind.Events, events);
        var detection = _host.Get<DetectionJobs>();
        var asked = new[] { (chat, false), (raid, true) }
            .Select(r => Task.Run(() => detection.AfterImportAsync(_account.Id, _stream.Id, r.Item2, false, r.Item1.JobId, CancellationToken.None)))
            .ToList();

        await Wait.UntilAsync(async () => await DetectionJobsAsync(_stream.Id) > 0, "no detection started", TimeSpan.FromSeconds(30));
        await chat.SucceedAsync();
        await raid.SucceedAsync();
        var started = await Task.WhenAll(asked).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Single(started, id => id is not null);
        Assert.Equal(1, await DetectionJobsAsync(_stream.Id));
        Assert.Contains(await HighlightsAsync(), h => h.Signals.Events > 0);

        // A chat uploaded later (its import starts after that detection was asked for) detects again.
        var again = await RunningAsync(IngestKind.Chat, Chat);
        await ImportAsync(IngestKind.Chat, Chat);
        var later = Task.Run(() => detection.AfterImportAsync(_account.Id, _stream.Id, true, false, again.JobId, CancellationToken.None));
        await again.SucceedAsync();
        Assert.NotNull(await later.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, await DetectionJobsAsync(_stream.Id));
    }

    [Fact]
    public async Task A_first_source_video_detects_again_unless_a_detection_that_will_read_it_is_still_queued()
    {
        await ImportAsync(IngestKind.Chat, Chat);
        var tracker = _host.Get<JobTracker>();
        var queued = new DetectHighlightsRequest { AccountId = _account.Id, StreamId = _stream.Id };
        var queuedId = await tracker.RecordQueuedAsync(queued, CancellationToken.None);
        await using (var db = await _host.DbAsync())
        {
            db.Vods.Add(new Vod
            {
                AccountId = _account.Id, StreamId = _stream.Id, Type = VodType.Archive, ExternalId = "broadcast", Title = "Broadcast", StorageKey = "vods/broadcast.mp4",
                SizeBytes = 1, DurationSeconds = 600, Status = VodStatus.Stored, CreatedAt = DateTime.UtcNow, StoredAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var detection = _host.Get<DetectionJobs>();
        Assert.Null(await detection.AfterSourceVideoAsync(_account.Id, _stream.Id, CancellationToken.None));
        Assert.Equal(1, await DetectionJobsAsync(_stream.Id));

        // Once that detection has started it may have read the stream without the video: the video detects again.
        var run = await tracker.StartAsync(queuedId, queued, CancellationToken.None);
        Assert.NotNull(await detection.AfterSourceVideoAsync(_account.Id, _stream.Id, CancellationToken.None));
        await run.SucceedAsync();
        Assert.Equal(2, await DetectionJobsAsync(_stream.Id));
    }

    public sealed class OnSqlite : DetectionAfterImportTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : DetectionAfterImportTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
