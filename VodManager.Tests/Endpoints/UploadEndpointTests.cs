using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;
using VodManager.Web.Endpoints;

namespace VodManager.Tests.Endpoints;

/// <summary>The upload protocol over real HTTP on Kestrel: a connection cut mid-chunk, then resumed to a byte-identical file.</summary>
public sealed class UploadEndpointTests : IAsyncLifetime
{
    private UploadApp _app = default!;
    private HttpClient _http = default!;

    public async Task InitializeAsync()
    {
        _app = await UploadApp.StartAsync(new Dictionary<string, string?> { ["Import:MaxVideoUploadBytes"] = "20000000" });
        _http = await _app.App.SignedInClientAsync(_app.Editor);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> StartAsync(string name, long length) =>
        await _http.PostAsJsonAsync($"/api/streams/{_app.Stream.Id}/uploads", new { fileName = name, length });

    private Task<HttpResponseMessage> PatchAsync(string location, long offset, HttpContent content, string contentType = UploadEndpoints.ChunkContentType)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = content };
        request.Headers.Add(UploadEndpoints.OffsetHeader, offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return _http.SendAsync(request);
    }

    private static ByteArrayContent Chunk(byte[] file, long offset) =>
        new(file, (int)offset, (int)Math.Min(UploadApp.ChunkBytes, file.Length - offset));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task An_upload_cut_off_mid_chunk_resumes_from_the_server_offset_and_stores_the_exact_bytes()
    {
        var path = await TestMedia.GetAsync(new Core.Media.TestPatternSpec(12, VideoBitrateKbps: 2000));
        var file = await File.ReadAllBytesAsync(path);
        var started = await StartAsync("long stream.mp4", file.Length);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        Assert.Equal(UploadApp.ChunkBytes, (await JsonAsync(started)).GetProperty("chunkBytes").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(location, 0, Chunk(file, 0))).StatusCode);

        // The client's connection dies half-way through the second chunk.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => PatchAsync(location, UploadApp.ChunkBytes, new CutOffContent(file, UploadApp.ChunkBytes, UploadApp.ChunkBytes / 2)));

        var status = await JsonAsync(await _http.GetAsync(location));
        var offset = status.GetProperty("offset").GetInt64();
        Assert.Equal(UploadApp.ChunkBytes, offset);
        JsonElement last = status;
        while (last.GetProperty("status").GetString() == "uploading")
        {
            var response = await PatchAsync(location, offset, Chunk(file, offset));
            if (response.StatusCode == HttpStatusCode.Locked)
            {
                await Task.Delay(200); // the server is still noticing the dead connection
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = await JsonAsync(response);
            offset = long.Parse(response.Headers.GetValues(UploadEndpoints.OffsetHeader).Single());
        }

        Assert.Equal("completed", last.GetProperty("status").GetString());
        var vodId = last.GetProperty("vodId").GetInt32();
        await using var db = await EditorData.Db(_app.App.Services);
        var key = db.Vods.Single(v => v.Id == vodId).StorageKey;
        await using var stored = await _app.App.Get<IVodStorage>().OpenReadAsync(key, CancellationToken.None);
        Assert.Equal(SHA256.HashData(file), await SHA256.HashDataAsync(stored));
    }

    [Fact]
    public async Task Protocol_mistakes_get_the_status_and_the_reason()
    {
        var file = await File.ReadAllBytesAsync(await TestMedia.GetAsync());
        var started = await StartAsync("stream.mp4", file.Length);
        var location = started.Headers.Location!.ToString();

        var wrongOffset = await PatchAsync(location, UploadApp.ChunkBytes, Chunk(file, UploadApp.ChunkBytes));
        var wrongType = await PatchAsync(location, 0, Chunk(file, 0), "application/octet-stream");
        var tooLarge = await StartAsync("huge.mp4", 50_000_000);
        var unknown = await _http.GetAsync($"/api/uploads/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Conflict, wrongOffset.StatusCode);
        Assert.Equal("0", wrongOffset.Headers.GetValues(UploadEndpoints.OffsetHeader).Single());
        Assert.Contains("continues at byte 0", (await JsonAsync(wrongOffset)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("Import:MaxVideoUploadBytes", (await JsonAsync(tooLarge)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // Another browser looks for this file's upload by name, length and block hashes (nothing stored yet: any agree).
        Task<HttpResponseMessage> MatchAsync(string name, string hash) =>
            _http.PostAsJsonAsync($"/api/streams/{_app.Stream.Id}/uploads/match", new { fileName = name, length = file.Length, blocks = new Dictionary<string, string> { ["0"] = hash } });
        var blockZero = Convert.ToHexStringLower(SHA256.HashData(file.AsSpan(0, UploadApp.ChunkBytes)));
        var found = await MatchAsync("stream.mp4", blockZero);
        Assert.Equal((HttpStatusCode.OK, location), (found.StatusCode, $"/api/uploads/{(await JsonAsync(found)).GetProperty("id").GetGuid()}"));
        Assert.Equal(HttpStatusCode.NoContent, (await MatchAsync("another.mp4", blockZero)).StatusCode);
        var badHash = await MatchAsync("stream.mp4", "not hex");
        Assert.Equal(HttpStatusCode.BadRequest, badHash.StatusCode);
        Assert.Equal("Block 0's hash must be 64 hex digits (SHA-256).", (await JsonAsync(badHash)).GetProperty("error").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(location)).StatusCode);
        await Leftovers.AssertNoneAsync(_app.App.Services, _app.Stream.AccountId);
    }

    [Fact]
    public async Task A_text_file_uploaded_as_a_video_is_refused_with_422_and_nothing_is_kept()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("not a video at all\n");
        var location = (await StartAsync("notes.mp4", bytes.Length)).Headers.Location!.ToString();

        var refused = await PatchAsync(location, 0, new ByteArrayContent(bytes));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("'notes.mp4' was refused", (await JsonAsync(refused)).GetProperty("error").GetString());
        await Leftovers.AssertNoneAsync(_app.App.Services, _app.Stream.AccountId);
    }

    /// <summary>Announces a whole chunk but sends only part of it, then fails: what a dropped connection looks like to the server.</summary>
    private sealed class CutOffContent(byte[] file, int offset, int sendBytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(file.AsMemory(offset, sendBytes));
            await stream.FlushAsync();
            throw new IOException("Connection lost (test).");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Math.Min(UploadApp.ChunkBytes, file.Length - offset);
            return true;
        }
    }
}
