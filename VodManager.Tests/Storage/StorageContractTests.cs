using System.Net;
using System.Net.Http.Headers;
using System.Text;
using VodManager.Core.Storage;

namespace VodManager.Tests.Storage;

/// <summary>The one contract every storage must keep; run against local disk and a real Azurite.</summary>
public abstract class StorageContractTests
{
    protected abstract IVodStorage Storage { get; }

    /// <summary>Who follows a read URL: anyone for a presigned Blob URL; a signed-in member of account 1 for the app's media endpoint.</summary>
    protected virtual Task<HttpClient> CreateReadClientAsync() => Task.FromResult(new HttpClient());

    private static string NewKey(string name = "file.bin") => $"accounts/1/test/{Guid.NewGuid():N}/{name}";

    private static byte[] Bytes(int length, int seed = 1)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    private async Task<byte[]> ReadAllAsync(string key)
    {
        await using var read = await Storage.OpenReadAsync(key, CancellationToken.None);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Put_then_read_returns_the_same_bytes_and_size()
    {
        var key = NewKey();
        var data = Bytes(300_000);
        var written = await Storage.PutAsync(key, new MemoryStream(data), data.Length, CancellationToken.None);

        Assert.Equal(data.Length, written);
        Assert.True(await Storage.ExistsAsync(key, CancellationToken.None));
        Assert.Equal(data.Length, await Storage.GetSizeAsync(key, CancellationToken.None));
        Assert.Equal(data, await ReadAllAsync(key));
    }

    [Fact]
    public async Task Range_read_returns_exactly_the_window()
    {
        var key = NewKey();
        var data = Bytes(100_000, 2);
        await Storage.PutAsync(key, new MemoryStream(data), data.Length, CancellationToken.None);

        await using var range = await Storage.OpenReadRangeAsync(key, 12_345, 1_000, CancellationToken.None);
        var copy = new MemoryStream();
        await range.CopyToAsync(copy);
        Assert.Equal(data.AsSpan(12_345, 1_000).ToArray(), copy.ToArray());

        await using var tail = await Storage.OpenReadRangeAsync(key, 99_990, null, CancellationToken.None);
        var tailCopy = new MemoryStream();
        await tail.CopyToAsync(tailCopy);
        Assert.Equal(data.AsSpan(99_990).ToArray(), tailCopy.ToArray());
    }

    [Fact]
    public async Task Range_read_past_the_end_is_empty_and_of_a_missing_object_is_not_found()
    {
        var key = NewKey();
        var data = Bytes(10_000, 3);
        await Storage.PutAsync(key, new MemoryStream(data), data.Length, CancellationToken.None);

        await using var past = await Storage.OpenReadRangeAsync(key, 10_000, 500, CancellationToken.None);
        var copy = new MemoryStream();
        await past.CopyToAsync(copy);
        Assert.Empty(copy.ToArray());

        await Assert.ThrowsAsync<StorageObjectNotFoundException>(() => Storage.OpenReadRangeAsync(NewKey(), 0, 500, CancellationToken.None));
    }

    [Fact]
    public async Task Put_replaces_an_existing_object()
    {
        var key = NewKey();
        await Storage.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("first version")), null, CancellationToken.None);
        await Storage.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("second")), null, CancellationToken.None);
        Assert.Equal(6, await Storage.GetSizeAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Put_file_stores_its_bytes_over_an_existing_object_and_takes_the_file()
    {
        var key = NewKey();
        await Storage.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("an older version")), null, CancellationToken.None);
        var data = Bytes(200_000, 4);
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, data);

        var written = await Storage.PutFileAsync(key, file, data.Length, CancellationToken.None);

        Assert.Equal(data.Length, written);
        Assert.False(File.Exists(file));
        Assert.Equal(data, await ReadAllAsync(key));
    }

    [Fact]
    public async Task Put_file_of_another_length_than_announced_stores_nothing()
    {
        var key = NewKey();
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, Bytes(1_000, 5));
        try
        {
            var error = await Assert.ThrowsAsync<IOException>(() => Storage.PutFileAsync(key, file, 2_000, CancellationToken.None));

            Assert.Contains("expected 2000 bytes", error.Message);
            Assert.False(await Storage.ExistsAsync(key, CancellationToken.None));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Delete_removes_the_object_and_reports_whether_there_was_one()
    {
        var key = NewKey();
        await Storage.PutAsync(key, new MemoryStream([1, 2, 3]), 3, CancellationToken.None);
        Assert.True(await Storage.DeleteAsync(key, CancellationToken.None));
        Assert.False(await Storage.ExistsAsync(key, CancellationToken.None));
        Assert.Null(await Storage.GetSizeAsync(key, CancellationToken.None));
        Assert.False(await Storage.DeleteAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Reading_a_missing_object_throws_not_found_naming_the_key()
    {
        var key = NewKey("missing.mp4");
        var error = await Assert.ThrowsAsync<StorageObjectNotFoundException>(() => Storage.OpenReadAsync(key, CancellationToken.None));
        Assert.Contains(key, error.Message);
    }

    // A seekable stream (a rendered file) is what clips and exports store, in one request on Blob; a stream of
    // unknown length (an upload in flight) goes up in blocks. Both must keep the contract.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_put_shorter_than_announced_leaves_nothing_behind(bool seekable)
    {
        var prefix = $"accounts/1/short/{Guid.NewGuid():N}/";
        var error = await Assert.ThrowsAsync<IOException>(() => Storage.PutAsync(prefix + "clip.mp4", new SlowStream(Bytes(1_000), seekable), 5_000, CancellationToken.None));
        Assert.Contains("5000", error.Message);
        Assert.Empty(await ListAsync(prefix));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_cancelled_put_leaves_nothing_behind(bool seekable)
    {
        var prefix = $"accounts/1/cancel/{Guid.NewGuid():N}/";
        using var cts = new CancellationTokenSource();
        var source = new SlowStream(Bytes(4 << 20), seekable, () => cts.Cancel(), cancelAfterBytes: 1 << 20);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Storage.PutAsync(prefix + "big.mp4", source, 4 << 20, cts.Token));
        Assert.Empty(await ListAsync(prefix));
    }

    [Fact]
    public async Task A_file_put_keeps_every_byte_and_reports_its_size()
    {
        var key = NewKey("clip.mp4");
        var data = Bytes(3_000_000, 4);
        Assert.Equal(data.Length, await Storage.PutAsync(key, new SlowStream(data, seekable: true), data.Length, CancellationToken.None));
        await using var read = await Storage.OpenReadAsync(key, CancellationToken.None);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task List_returns_keys_under_a_prefix_only()
    {
        var prefix = $"accounts/7/list/{Guid.NewGuid():N}/";
        await Storage.PutAsync(prefix + "a.mp4", new MemoryStream([1]), 1, CancellationToken.None);
        await Storage.PutAsync(prefix + "sub/b.mp4", new MemoryStream([2]), 1, CancellationToken.None);
        await Storage.PutAsync($"accounts/8/list/{Guid.NewGuid():N}/c.mp4", new MemoryStream([3]), 1, CancellationToken.None);

        Assert.Equal([prefix + "a.mp4", prefix + "sub/b.mp4"], (await ListAsync(prefix)).Order());
    }

    [Theory]
    [InlineData("../escape.mp4")]
    [InlineData("/etc/passwd")]
    [InlineData("accounts/1/../../x")]
    [InlineData("accounts\\1\\x")]
    public async Task Keys_that_could_escape_the_root_are_refused(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.PutAsync(key, new MemoryStream([1]), 1, CancellationToken.None));
    }

    [Fact]
    public async Task Read_url_serves_http_range_requests_until_it_expires()
    {
        var key = NewKey("video.mp4");
        var data = Bytes(50_000, 3);
        await Storage.PutAsync(key, new MemoryStream(data), data.Length, CancellationToken.None);

        var url = await Storage.GetReadUrlAsync(key, TimeSpan.FromMinutes(5), CancellationToken.None);
        using var http = await CreateReadClientAsync();
        using var response = await GetRangeAsync(http, url, 1_000, 1_999);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(data.AsSpan(1_000, 1_000).ToArray(), await response.Content.ReadAsByteArrayAsync());

        var expired = await Storage.GetReadUrlAsync(key, TimeSpan.FromSeconds(-60), CancellationToken.None);
        using var late = await http.GetAsync(expired);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
    }

    [Fact]
    public async Task Download_url_names_the_file_in_its_response_and_a_url_with_another_name_is_refused()
    {
        var key = NewKey("highlight-10.mp4");
        var data = Bytes(20_000, 4);
        await Storage.PutAsync(key, new MemoryStream(data), data.Length, CancellationToken.None);
        const string name = "VOD 963184458 – highlight #10 (1：06：48.0–1：07：38.0).mp4";

        var url = await Storage.GetDownloadUrlAsync(key, name, TimeSpan.FromMinutes(5), CancellationToken.None);
        using var http = await CreateReadClientAsync();
        using var response = await GetRangeAsync(http, url, 0, 999);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(data.AsSpan(0, 1_000).ToArray(), await response.Content.ReadAsByteArrayAsync());
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal(("attachment", name), (disposition.DispositionType, disposition.FileNameStar));
        Assert.True(disposition.FileName!.All(char.IsAscii), disposition.FileName); // for clients that do not read filename*

        // The name is signed with the key: the same signature under another name opens nothing.
        var renamed = new Uri(url.AbsoluteUri.Replace("%2310", "%2311", StringComparison.Ordinal));
        Assert.NotEqual(url, renamed);
        using var other = await http.GetAsync(renamed);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);

        // A player's URL names nothing.
        using var plain = await http.GetAsync(await Storage.GetReadUrlAsync(key, TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Null(plain.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task Health_check_passes_on_a_reachable_store()
    {
        await Storage.CheckHealthAsync(CancellationToken.None);
    }

    private static async Task<HttpResponseMessage> GetRangeAsync(HttpClient http, Uri url, long from, long to)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(from, to);
        return await http.SendAsync(request);
    }

    private async Task<List<string>> ListAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in Storage.ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(key);
        }

        return keys;
    }

    /// <summary>Feeds bytes in small pieces (seekable like a file, or not) and fires a callback part-way, to cancel an upload in flight.</summary>
    private sealed class SlowStream(byte[] data, bool seekable, Action? onThreshold = null, int cancelAfterBytes = int.MaxValue) : Stream
    {
        private int _position;
        private bool _fired;

        public override bool CanRead => true;
        public override bool CanSeek => seekable;
        public override bool CanWrite => false;
        public override long Length => seekable ? data.Length : throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => _position = seekable ? (int)value : throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Threshold())
            {
                await Task.Delay(50, CancellationToken.None);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return Read(buffer.Span);
        }

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(Math.Min(buffer.Length, 64 * 1024), data.Length - _position);
            data.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Threshold();
            return Read(buffer.AsSpan(offset, count));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => data.Length + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private bool Threshold()
        {
            if (_position < cancelAfterBytes || _fired || onThreshold is null)
            {
                return false;
            }

            _fired = true;
            onThreshold();
            return true;
        }
    }
}
