using VodManager.Core.Ingest;
using VodManager.Core.Library;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Tests.Fixtures;
using Fault = VodManager.Tests.Fixtures.FileServer.Fault;

namespace VodManager.Tests.Ingest.Video;

/// <summary>
/// A URL import outlives the network's hiccups: a real HTTP server drops the connection mid-body, stalls, answers
/// 503 or ignores ranges, and the import resumes where it stopped and stores the file byte for byte; a file that
/// changed meanwhile, or failures past the retry count, end it naming why and leave nothing.
/// </summary>
public sealed class UrlResumeTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("resume");
    private FileServer _server = default!;
    private string _video = default!;

    public async Task InitializeAsync()
    {
        _server = await FileServer.StartAsync();
        _video = _folder.File("vod.mp4");
        File.Copy(await TestMedia.GetAsync(), _video);
        _server.Serve("vod.mp4", _video);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private long Third => new FileInfo(_video).Length / 3;

    private static Task<ImportHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Import:UrlRetryDelay"] = "00:00:00.010" };
        values.Merge(settings);
        return ImportHost.StartAsync(new Dictionary<string, string?>(), values);
    }

    private static Task<ImportedVideo> ImportAsync(ImportHost host, Uri url, List<JobProgress>? reports = null) =>
        host.Get<VideoImportService>().ImportUrlAsync(new VideoImportTarget(host.Account.Id, host.Stream.Id), url, Guid.NewGuid().ToString("N"),
            reports is null ? null : new SyncProgress(reports.Add), CancellationToken.None);

    private async Task AssertStoredAsIsAsync(ImportHost host, ImportedVideo imported)
    {
        Assert.False(imported.AlreadyImported);
        Assert.Equal(VodStatus.Stored, imported.Vod.Status);
        var stored = await host.Get<VodInputs>().ResolveAsync(imported.Vod.StorageKey, CancellationToken.None);
        Assert.Equal(await File.ReadAllBytesAsync(_video), await File.ReadAllBytesAsync(stored));
    }

    [Fact]
    public async Task A_download_that_drops_twice_and_meets_a_503_resumes_where_it_stopped_and_stores_the_file_byte_for_byte()
    {
        await using var host = await StartAsync();
        _server.Fail("vod.mp4", new Fault.BreakAfter(Third), new Fault.Status(503), new Fault.BreakAfter(Third));
        var reports = new List<JobProgress>();

        var imported = await ImportAsync(host, _server.Sized("vod.mp4"), reports);

        await AssertStoredAsIsAsync(host, imported);
        // Each wait is shown on the bar where it stopped, saying why: the job does not look hung.
        var waits = reports.Select((r, i) => (Report: r, Before: i > 0 ? reports[i - 1] : null)).Where(r => r.Report.Message?.Contains("; trying again in ") == true).ToList();
        Assert.Equal(3, waits.Count);
        Assert.Contains("/f/vod.mp4' broke off after ", waits[0].Report.Message);
        Assert.Contains("/f/vod.mp4' answered 503 Service Unavailable; trying again in 0 s (2 of 5)", waits[1].Report.Message);
        Assert.All(waits, w => Assert.Equal((w.Before!.Stage, w.Before.Percent), (w.Report.Stage, w.Report.Percent)));
        var starts = _server.RangeStarts.ToList();
        Assert.Equal(3, starts.Count); // the 503 sent no body
        Assert.Equal(0, starts[0]);
        // Each resume asked for the rest from where the bytes stopped arriving (some of what was sent is lost in flight).
        Assert.True(starts[1] is > 0 && starts[1] <= Third && starts[2] > starts[1] && starts[2] <= starts[1] + Third, $"resumed at {string.Join(", ", starts)}");
    }

    [Fact]
    public async Task A_server_without_ranges_sends_the_file_again_and_the_bytes_already_stored_are_skipped()
    {
        await using var host = await StartAsync();
        _server.Ranges = false;
        _server.Fail("vod.mp4", new Fault.BreakAfter(Third));

        var imported = await ImportAsync(host, _server.Sized("vod.mp4"));

        await AssertStoredAsIsAsync(host, imported);
        Assert.Equal([0, 0], _server.RangeStarts);
        Assert.True(_server.BytesSent > new FileInfo(_video).Length, "the file was sent once only");
    }

    [Fact]
    public async Task A_download_without_a_size_that_drops_is_fetched_again_and_the_bytes_already_stored_are_skipped()
    {
        await using var host = await StartAsync();
        _server.Fail("vod.mp4", new Fault.BreakAfter(Third));

        var imported = await ImportAsync(host, _server.Unsized("vod.mp4"));

        await AssertStoredAsIsAsync(host, imported);
        Assert.Equal(2, _server.Requests);
    }

    [Fact]
    public async Task A_stalled_download_is_dropped_after_the_stall_timeout_and_resumed()
    {
        await using var host = await StartAsync(new() { ["Import:UrlStallTimeout"] = "00:00:01" });
        _server.Fail("vod.mp4", new Fault.StallAfter(Third));

        var imported = await ImportAsync(host, _server.Sized("vod.mp4"));

        await AssertStoredAsIsAsync(host, imported);
        Assert.Equal(2, _server.RangeStarts.Count);
        Assert.True(_server.RangeStarts.Last() > 0);
    }

    [Fact]
    public async Task A_file_that_changes_between_a_drop_and_the_resume_is_refused_and_nothing_is_kept()
    {
        await using var host = await StartAsync();
        // Same size, other bytes, a later date: only the ETag tells the two versions apart.
        _server.Fail("vod.mp4", new Fault.BreakAfter(Third, Then: () =>
        {
            var bytes = File.ReadAllBytes(_video);
            Array.Reverse(bytes);
            File.WriteAllBytes(_video, bytes);
            File.SetLastWriteTimeUtc(_video, DateTime.UtcNow.AddMinutes(1));
        }));

        var error = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, _server.Sized("vod.mp4")));

        Assert.Contains("/f/vod.mp4' changed while it was being downloaded (its ETag is ", error.Message);
        Assert.EndsWith("; nothing was kept.", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task Failures_past_the_retry_count_end_the_import_naming_the_last_and_leave_nothing()
    {
        await using var host = await StartAsync(new() { ["Import:UrlRetries"] = "2" });
        _server.Fail("vod.mp4", new Fault.BreakAfter(Third), new Fault.Status(503), new Fault.Status(502), new Fault.Status(503));

        var error = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, _server.Sized("vod.mp4")));

        Assert.EndsWith("/f/vod.mp4' answered 502 Bad Gateway (gave up after 3 tries).", error.Message);
        Assert.Equal(3, _server.Requests); // the read that broke, then two more tries at the rest; the last 503 never asked
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_not_found_is_not_tried_again()
    {
        await using var host = await StartAsync();

        var error = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, _server.Sized("gone.mp4")));

        Assert.EndsWith("/f/gone.mp4' answered 404 Not Found.", error.Message);
        Assert.Equal(1, _server.Requests);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }
}
