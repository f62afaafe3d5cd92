using VodManager.Core.Ingest;
using VodManager.Core.Media;
using VodManager.Tests.Fixtures;
using Xunit.Abstractions;

namespace VodManager.Tests.Ingest.Video;

public sealed class VideoImportOnDiskTests(ITestOutputHelper output) : VideoImportTests(output)
{
    protected override Task<IDictionary<string, string?>> StorageAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>());

    [Fact]
    public async Task A_download_that_does_not_fit_the_disk_is_refused_before_a_byte_is_stored_without_naming_server_folders()
    {
        using var mount = SmallFilesystem.Mount(megabytes: 2);
        await using var host = await ImportHost.StartOnAsync(mount);
        await using var server = await FileServer.StartAsync();
        server.Serve("large.mp4", await TestMedia.GetAsync(Large));

        var refused = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, server.Sized("large.mp4")));

        Assert.Matches(@"^'large\.mp4' cannot be stored: the server's disk has [\d.]+ [KM]B free, needs [\d.]+ MB more and keeps 0 B free \(setting Cutting:MinFreeDiskBytes\); nothing was kept\.$", refused.Message);
        Assert.DoesNotContain(mount.Path, refused.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
        Assert.Empty(Directory.EnumerateFiles(mount.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_download_without_a_size_that_fills_the_disk_stops_at_the_next_checkpoint_and_nothing_is_kept()
    {
        using var mount = SmallFilesystem.Mount(megabytes: 3);
        await using var host = await ImportHost.StartOnAsync(mount);
        await using var server = await FileServer.StartAsync();
        server.Serve("large.mp4", await TestMedia.GetAsync(Large));

        var refused = await Assert.ThrowsAsync<VideoImportException>(() => ImportAsync(host, server.Unsized("large.mp4")));

        Assert.Matches(@"^The download of 'large\.mp4' was stopped at [1-3] MB: the server's disk has [\d.]+ K?B free, needs 1 MB more and keeps 0 B free \(setting Cutting:MinFreeDiskBytes\); nothing was kept\.$", refused.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
        Assert.Empty(Directory.EnumerateFiles(mount.Path, "*", SearchOption.AllDirectories));
    }

    private static Task<ImportedVideo> ImportAsync(ImportHost host, Uri url) =>
        host.Get<VideoImportService>().ImportUrlAsync(new VideoImportTarget(host.Account.Id, host.Stream.Id), url, Guid.NewGuid().ToString("N"), null, CancellationToken.None);
}
