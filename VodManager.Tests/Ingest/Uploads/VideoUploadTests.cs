using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Uploads;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Streams;

namespace VodManager.Tests.Ingest.Uploads;

/// <summary>
/// Resumable uploads through the Core service on real storage with 1 MiB chunks: the "multi-GB" design shown small.
/// A cut-off chunk, a new service instance (a restart, another node), cancellation, expiry, and hostile files.
/// </summary>
public abstract class VideoUploadTests : IAsyncLifetime
{
    protected const int Chunk = 1 << 20;
    private ImportHost _host = default!;

    protected abstract Task<IDictionary<string, string?>> StorageAsync();

    public async Task InitializeAsync() => _host = await ImportHost.StartAsync(await StorageAsync());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private VideoUploadService Uploads => _host.Get<VideoUploadService>();

    private int AccountId => _host.Account.Id;

    public static TheoryData<string> HostileCases() => [.. HostileVideos.All.Where(c => c.Name != "zero-length file").Select(c => c.Name)];

    /// <summary>A 3.3 MB video: four chunks, the last one short.</summary>
    protected static Task<string> VideoAsync() => TestMedia.GetAsync(new Core.Media.TestPatternSpec(12, VideoBitrateKbps: 2000));

    private Task<UploadState> StartAsync(string path, ImportedVideoKind kind = ImportedVideoKind.Archive) =>
        Uploads.StartAsync(AccountId, _host.Stream.Id, new UploadRequest(Path.GetFileName(path), new FileInfo(path).Length, kind), CancellationToken.None);

    private Task<UploadState> SendAsync(UploadState upload, byte[] file, long offset, Stream? body = null)
    {
        var length = (int)Math.Min(Chunk, file.Length - offset);
        return Uploads.AppendAsync(AccountId, upload.Id, offset, body ?? new MemoryStream(file, (int)offset, length), length, CancellationToken.None);
    }

    private async Task<UploadState> SendRestAsync(UploadState upload, byte[] file)
    {
        var state = upload;
        while (state.Status == VideoUploadStatus.Uploading)
        {
            state = await SendAsync(state, file, state.Offset);
        }

        return state;
    }

    [Fact]
    public async Task A_file_sent_in_chunks_is_stored_byte_identical_with_the_same_hash_as_a_one_pass_import()
    {
        var path = await VideoAsync();
        var file = await File.ReadAllBytesAsync(path);
        var upload = await StartAsync(path);
        Assert.Equal((0L, Chunk), (upload.Offset, upload.ChunkBytes));

        var done = await SendRestAsync(upload, file);

        Assert.Equal(VideoUploadStatus.Completed, done.Status);
        Assert.Equal(0, Uploads.LockCount); // one lock per upload while a chunk is written, none left after
        Assert.False(done.AlreadyImported);
        var vod = await VodAsync(done.VodId!.Value);
        Assert.Equal((VodStatus.Stored, VodType.Archive, file.LongLength), (vod.Status, vod.Type, vod.SizeBytes));
        Assert.Equal(SHA256.HashData(file), await StoredSha256Async(vod.StorageKey));
        Assert.Equal([vod.StorageKey], await Leftovers.StoredKeysAsync(_host.Core.Services, AccountId));

        // The same file by server path hashes one pass; it must be recognised as the same content.
        var again = await _host.Get<VideoImportService>().ImportServerFileAsync(
            new VideoImportTarget(AccountId, _host.Stream.Id), _host.CopyIntoRoot(path, "same.mp4"), "again", null, CancellationToken.None);
        Assert.True(again.AlreadyImported);
        Assert.Equal(vod.Id, again.Vod.Id);
    }

    [Fact]
    public async Task An_upload_whose_stream_has_chat_past_its_end_says_so_on_the_answer_that_completes_it()
    {
        // Hours of real chat are in before the short video: an upload has no job to say it, so its completion does.
        await _host.Get<IngestService>().ImportAsync(AccountId, _host.Stream.Id, IngestKind.Chat, RealChat.Small, null, CancellationToken.None);
        var path = await VideoAsync();

        var done = await SendRestAsync(await StartAsync(path), await File.ReadAllBytesAsync(path));

        Assert.Equal(VideoUploadStatus.Completed, done.Status);
        Assert.Matches(@"^; [\d,]+ chat lines come after the video ends at \d+:\d\d\.\d: detection and clips leave them out", done.Note);
    }

    [Fact]
    public async Task A_chunk_cut_off_mid_way_is_resent_and_the_stored_file_is_byte_identical()
    {
        var path = await VideoAsync();
        var file = await File.ReadAllBytesAsync(path);
        var upload = await SendAsync(await StartAsync(path), file, 0);

        // The connection drops half-way through the second chunk.
        var dropped = new DroppingStream(new MemoryStream(file, Chunk, Chunk), Chunk / 2);
        // Disk storage sees the IOException itself; the Blob SDK wraps it after failing to rewind the body for a retry.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(upload, file, Chunk, dropped));
        Assert.Contains("The client disconnected (test).", error.ToString());
        var afterDrop = await Uploads.GetAsync(AccountId, upload.Id, CancellationToken.None);
        Assert.Equal(Chunk, afterDrop.Offset);

        // Resumed by a fresh service instance: what a restart, or another node, would see.
        var restarted = ActivatorUtilities.CreateInstance<VideoUploadService>(_host.Core.Services);
        var state = afterDrop;
        while (state.Status == VideoUploadStatus.Uploading)
        {
            var length = (int)Math.Min(Chunk, file.Length - state.Offset);
            state = await restarted.AppendAsync(AccountId, upload.Id, state.Offset, new MemoryStream(file, (int)state.Offset, length), length, CancellationToken.None);
        }

        var vod = await VodAsync(state.VodId!.Value);
        Assert.Equal(SHA256.HashData(file), await StoredSha256Async(vod.StorageKey));
        Assert.Equal([vod.StorageKey], await Leftovers.StoredKeysAsync(_host.Core.Services, AccountId));
    }

    [Fact]
    public async Task A_chunk_at_the_wrong_offset_or_of_the_wrong_size_is_refused_with_where_to_continue()
    {
        var path = await VideoAsync();
        var file = await File.ReadAllBytesAsync(path);
        var upload = await SendAsync(await StartAsync(path), file, 0);

        var replay = await Assert.ThrowsAsync<UploadException>(() => SendAsync(upload, file, 0));
        var skip = await Assert.ThrowsAsync<UploadException>(() => SendAsync(upload, file, 2 * Chunk));
        var small = await Assert.ThrowsAsync<UploadException>(() => Uploads.AppendAsync(AccountId, upload.Id, Chunk, new MemoryStream(new byte[10]), 10, CancellationToken.None));

        Assert.Equal((UploadError.OffsetMismatch, Chunk), (replay.Error, replay.CurrentOffset));
        Assert.Contains($"continues at byte {Chunk}, not {2 * Chunk}", skip.Message);
        Assert.Equal(UploadError.BadRequest, small.Error);
        Assert.Contains($"must be exactly {Chunk} bytes; this one is 10", small.Message);
        Assert.Equal(SHA256.HashData(file), await StoredSha256Async((await VodAsync((await SendRestAsync(upload with { Offset = Chunk }, file)).VodId!.Value)).StorageKey));
    }

    [Fact]
    public async Task A_cancelled_upload_leaves_nothing_behind()
    {
        var path = await VideoAsync();
        var file = await File.ReadAllBytesAsync(path);
        var upload = await SendAsync(await SendAsync(await StartAsync(path), file, 0), file, Chunk);
        Assert.NotEmpty(await Leftovers.StoredKeysAsync(_host.Core.Services, AccountId));

        await Uploads.CancelAsync(AccountId, upload.Id, CancellationToken.None);

        await Leftovers.AssertNoneAsync(_host.Core.Services, AccountId);
        var gone = await Assert.ThrowsAsync<UploadException>(() => SendAsync(upload, file, 2 * Chunk));
        Assert.Equal(UploadError.NotFound, gone.Error);
    }

    [Fact]
    public async Task A_streams_unfinished_uploads_are_listed_with_how_far_they_got_and_no_finished_expired_or_other_accounts_one()
    {
        var path = await VideoAsync();
        var file = await File.ReadAllBytesAsync(path);
        var stopped = await SendAsync(await StartAsync(path), file, 0);
        var expired = await StartAsync(path);
        await SendRestAsync(await StartAsync(path), file);
        var (other, otherStream) = await _host.Core.AddAccountWithStreamAsync(name: "Another account");
        await Uploads.StartAsync(other.Id, otherStream.Id, new UploadRequest("theirs.mp4", file.Length, ImportedVideoKind.Archive), CancellationToken.None);
        await using (var db = await _host.Core.DbAsync())
        {
            await db.VideoUploads.Where(u => u.Id == expired.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        var listed = Assert.Single(await Uploads.ListUnfinishedAsync(AccountId, _host.Stream.Id, CancellationToken.None));

        Assert.Equal((stopped.Id, _host.Stream.Id, Path.GetFileName(path), file.LongLength, (long)Chunk), (listed.Id, listed.StreamId, listed.FileName, listed.Length, listed.Offset));
        Assert.InRange(listed.ExpiresAt, DateTime.UtcNow.AddHours(23), DateTime.UtcNow.AddHours(25));
        Assert.InRange(listed.LastActiveAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow);
        // Sending as long as a piece came within Import:UploadIdleAfter (2 minutes), stopped after.
        Assert.Equal(listed.LastActiveAt + TimeSpan.FromMinutes(2), listed.IdleAt);
        Assert.True(listed.IsSending(listed.LastActiveAt.AddSeconds(119)));
        Assert.False(listed.IsSending(listed.LastActiveAt.AddSeconds(120)));
        Assert.Equal(100.0 * Chunk / file.Length, listed.Percent, 6);
        Assert.Empty(await Uploads.ListUnfinishedAsync(other.Id, _host.Stream.Id, CancellationToken.None));

        // The account's list holds every stream's, for the streams list; never another account's.
        var secondStream = await _host.Core.AddStreamAsync(AccountId, "Second stream");

        var second = secondStream.Id;
        var elsewhere = await Uploads.StartAsync(AccountId, second, new UploadRequest("second.mp4", file.Length, ImportedVideoKind.Archive), CancellationToken.None);
        var account = await Uploads.ListUnfinishedAsync(AccountId, CancellationToken.None);
        Assert.Equal([(stopped.Id, _host.Stream.Id), (elsewhere.Id, second)], account.Select(u => (u.Id, u.StreamId)));
        Assert.Equal([otherStream.Id], (await Uploads.ListUnfinishedAsync(other.Id, CancellationToken.None)).Select(u => u.StreamId));
    }

    [Fact]
    public async Task Every_step_of_an_upload_is_told_to_the_accounts_open_pages_and_nothing_to_another_accounts()
    {
        var path = await VideoAsync();
        var file = await File.ReadAllBytesAsync(path);
        var bus = _host.Get<IProgressBus>();
        var heard = new System.Collections.Concurrent.ConcurrentQueue<StreamChange>();
        var (other, _) = await _host.Core.AddAccountWithStreamAsync(name: "Another account");
        var othersHeard = 0;
        using var subscription = bus.SubscribeChanges(AccountId, change =>
        {
            heard.Enqueue(change);
            return Task.CompletedTask;
        });
        using var othersSubscription = bus.SubscribeChanges(other.Id, _ =>
        {
            Interlocked.Increment(ref othersHeard);
            return Task.CompletedTask;
        });
        async Task HeardAsync(int count, string after) =>
            await Wait.UntilAsync(() => Task.FromResult(heard.Count >= count), $"{count} upload changes were expected after {after}; {heard.Count} came");

        // Started, then each piece (the last one completes it: one change, told once the video is stored).
        var pieces = (int)((file.Length + Chunk - 1) / Chunk);
        Assert.True(pieces >= 3, $"the test video should take three pieces or more; it takes {pieces}");
        var upload = await StartAsync(path);
        await HeardAsync(1, "the start");
        var state = await SendAsync(upload, file, 0);
        await HeardAsync(2, "the first piece");
        await SendRestAsync(state, file);
        await HeardAsync(1 + pieces, "the last piece");
        await using (var db = await _host.Core.DbAsync())
        {
            Assert.Single(db.Vods.Where(v => v.StreamId == _host.Stream.Id && v.Status == VodStatus.Stored));
        }

        // Cancelled, and expired: the rows showing them must let go.
        var cancelled = await StartAsync(path);
        await Uploads.CancelAsync(AccountId, cancelled.Id, CancellationToken.None);
        await HeardAsync(3 + pieces, "a cancel");
        var expired = await StartAsync(path);
        await using (var db = await _host.Core.DbAsync())
        {
            await db.VideoUploads.Where(u => u.Id == expired.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        Assert.Equal(1, await Uploads.SweepExpiredAsync(CancellationToken.None));
        await HeardAsync(5 + pieces, "an expiry");

        Assert.All(heard, change => Assert.Equal((AccountId, _host.Stream.Id, StreamChangeKind.Upload), (change.AccountId, change.StreamId, change.Kind)));
        Assert.Equal(5 + pieces, heard.Count);
        Assert.Equal(0, othersHeard);
    }

    [Fact]
    public async Task A_browser_without_a_note_finds_the_files_unfinished_upload_only_when_its_blocks_agree()
    {
        var path = await VideoAsync();
        var file = await File.ReadAllBytesAsync(path);
        var name = Path.GetFileName(path);
        var upload = await SendAsync(await SendAsync(await StartAsync(path), file, 0), file, Chunk);
        Dictionary<int, byte[]> Blocks(byte[] bytes, params int[] indexes) =>
            indexes.ToDictionary(i => i, i => SHA256.HashData(bytes.AsSpan(i * Chunk, Math.Min(Chunk, bytes.Length - i * Chunk))));
        Task<UploadState?> MatchAsync(string fileName, long length, Dictionary<int, byte[]> blocks) =>
            Uploads.MatchUnfinishedAsync(AccountId, _host.Stream.Id, fileName, length, blocks, CancellationToken.None);

        // The same file: its first, second and last blocks (the last one was never sent, so it is not compared).
        var found = await MatchAsync(name, file.Length, Blocks(file, 0, 1, (int)((file.Length - 1) / Chunk)));
        Assert.Equal((upload.Id, 2L * Chunk), (found?.Id, found?.Offset));

        var other = (byte[])file.Clone();
        other[Chunk + 10] ^= 0xff;
        Assert.Null(await MatchAsync(name, file.Length, Blocks(other, 0, 1))); // another file: its second block differs
        Assert.Null(await MatchAsync(name, file.Length, Blocks(file, 1))); // stored bytes, and the first block not vouched for
        Assert.Null(await MatchAsync(name, file.Length - 1, Blocks(file, 0, 1))); // another length
        Assert.Null(await MatchAsync("other.mp4", file.Length, Blocks(file, 0, 1))); // another name
        Assert.Null(await Uploads.MatchUnfinishedAsync(AccountId, _host.Stream.Id + 1000, name, file.Length, Blocks(file, 0, 1), CancellationToken.None));

        // Continued from where the match says, it is stored whole.
        var done = await SendRestAsync(found!, file);
        Assert.Equal(SHA256.HashData(file), await StoredSha256Async((await VodAsync(done.VodId!.Value)).StorageKey));
        Assert.Null(await MatchAsync(name, file.Length, Blocks(file, 0, 1)));
    }

    [Fact]
    public async Task An_abandoned_upload_is_dropped_once_it_expires()
    {
        var path = await VideoAsync();
        var file = await File.ReadAllBytesAsync(path);
        var upload = await SendAsync(await StartAsync(path), file, 0);
        Assert.Equal(0, await Uploads.SweepExpiredAsync(CancellationToken.None));
        await using (var db = await _host.Core.DbAsync())
        {
            await db.VideoUploads.Where(u => u.Id == upload.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        Assert.Equal(1, await Uploads.SweepExpiredAsync(CancellationToken.None));

        await Leftovers.AssertNoneAsync(_host.Core.Services, AccountId);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_or_the_quota_is_refused_before_a_byte_travels()
    {
        await using var limited = await ImportHost.StartAsync(await StorageAsync(), new Dictionary<string, string?> { ["Import:MaxVideoUploadBytes"] = "2000000" }, quotaBytes: 1_000_000);
        var uploads = limited.Get<VideoUploadService>();

        var tooLarge = await Assert.ThrowsAsync<UploadException>(() =>
            uploads.StartAsync(limited.Account.Id, limited.Stream.Id, new UploadRequest("big.mp4", 3_000_000), CancellationToken.None));
        var noRoom = await Assert.ThrowsAsync<UploadException>(() =>
            uploads.StartAsync(limited.Account.Id, limited.Stream.Id, new UploadRequest("medium.mp4", 1_500_000), CancellationToken.None));
        var empty = await Assert.ThrowsAsync<UploadException>(() =>
            uploads.StartAsync(limited.Account.Id, limited.Stream.Id, new UploadRequest("empty.mp4", 0), CancellationToken.None));

        Assert.Equal(UploadError.TooLarge, tooLarge.Error);
        Assert.Contains("over the 1.9 MB upload limit (setting Import:MaxVideoUploadBytes)", tooLarge.Message);
        Assert.Equal(UploadError.QuotaExceeded, noRoom.Error);
        Assert.Contains("976.6 KB quota", noRoom.Message);
        Assert.Contains("the file is empty", empty.Message);
        await Leftovers.AssertNoneAsync(limited.Core.Services, limited.Account.Id);
    }

    [Fact]
    public async Task A_free_tier_upload_over_the_free_byte_quota_is_refused_naming_the_setting()
    {
        await using var free = await ImportHost.StartAsync(await StorageAsync(), new Dictionary<string, string?> { ["Quota:FreeTierQuotaBytes"] = "1000000" }, maxVods: 25);

        var refused = await Assert.ThrowsAsync<UploadException>(() =>
            free.Get<VideoUploadService>().StartAsync(free.Account.Id, free.Stream.Id, new UploadRequest("archive.mp4", 1_500_000), CancellationToken.None));

        Assert.Equal(UploadError.QuotaExceeded, refused.Error);
        Assert.Contains("'archive.mp4' (1.4 MB) does not fit", refused.Message);
        Assert.Contains("free tier with room for 976.6 KB (setting Quota:FreeTierQuotaBytes)", refused.Message);
        await Leftovers.AssertNoneAsync(free.Core.Services, free.Account.Id);
    }

    [Theory]
    [MemberData(nameof(HostileCases))]
    public async Task A_hostile_upload_is_refused_when_complete_and_nothing_is_left(string name)
    {
        var hostile = HostileVideos.All.Single(c => c.Name == name);
        var path = await hostile.WriteAsync(_host.Imports.Path);
        var file = await File.ReadAllBytesAsync(path);
        var upload = await StartAsync(path);

        var refused = await Assert.ThrowsAsync<UploadException>(() => SendRestAsync(upload, file));

        Assert.Equal(UploadError.Refused, refused.Error);
        Assert.Contains(hostile.Expected, refused.Message);
        await Leftovers.AssertNoneAsync(_host.Core.Services, AccountId);
    }

    [Fact]
    public async Task A_platform_highlight_upload_is_stored_as_one()
    {
        var path = await TestMedia.GetAsync();
        var done = await SendRestAsync(await StartAsync(path, ImportedVideoKind.PlatformHighlight), await File.ReadAllBytesAsync(path));

        var vod = await VodAsync(done.VodId!.Value);
        Assert.Equal((VodType.Highlight, VodProvenance.PlatformHighlight), (vod.Type, vod.Provenance));
    }

    private async Task<Vod> VodAsync(int id)
    {
        await using var db = await _host.Core.DbAsync();
        return await db.Vods.SingleAsync(v => v.Id == id);
    }

    private async Task<byte[]> StoredSha256Async(string key)
    {
        await using var stored = await _host.Get<IVodStorage>().OpenReadAsync(key, CancellationToken.None);
        return await SHA256.HashDataAsync(stored);
    }
}
