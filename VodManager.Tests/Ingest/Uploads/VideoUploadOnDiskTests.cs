using VodManager.Core.Ingest.Uploads;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest.Uploads;

public sealed class VideoUploadOnDiskTests : VideoUploadTests
{
    protected override Task<IDictionary<string, string?>> StorageAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>());

    [Fact]
    public async Task An_upload_that_does_not_fit_the_disk_is_refused_at_the_start_without_naming_server_folders()
    {
        using var mount = SmallFilesystem.Mount(megabytes: 2);
        await using var host = await ImportHost.StartOnAsync(mount);
        var path = await VideoAsync();

        var refused = await Assert.ThrowsAsync<UploadException>(() => StartAsync(host, path));

        Assert.Equal(UploadError.NoDiskSpace, refused.Error);
        Assert.Matches(@"^'.+\.mp4' \([\d.]+ MB\) cannot be stored: the server's disk has [\d.]+ [KM]B free, needs [\d.]+ MB more and keeps 0 B free \(setting Cutting:MinFreeDiskBytes\)\.$", refused.Message);
        Assert.DoesNotContain(mount.Path, refused.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
        Assert.Empty(Directory.EnumerateFiles(mount.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_disk_that_fills_up_mid_upload_stops_it_at_the_next_chunk_and_nothing_is_kept()
    {
        using var mount = SmallFilesystem.Mount(megabytes: 6);
        await using var host = await ImportHost.StartOnAsync(mount);
        var path = await VideoAsync();
        var file = await File.ReadAllBytesAsync(path);
        var uploads = host.Get<VideoUploadService>();
        var upload = await StartAsync(host, path);
        upload = await uploads.AppendAsync(host.Account.Id, upload.Id, 0, new MemoryStream(file, 0, Chunk), Chunk, CancellationToken.None);

        // Another writer takes all but what the next chunk would need of the rest of the file.
        var free = new DriveInfo(mount.Path).AvailableFreeSpace;
        await File.WriteAllBytesAsync(Path.Combine(mount.Path, "other-writer.bin"), new byte[free - Chunk - 4096]);
        var refused = await Assert.ThrowsAsync<UploadException>(() =>
            uploads.AppendAsync(host.Account.Id, upload.Id, Chunk, new MemoryStream(file, Chunk, Chunk), Chunk, CancellationToken.None));

        Assert.Equal(UploadError.NoDiskSpace, refused.Error);
        Assert.StartsWith($"The upload of '{Path.GetFileName(path)}' was stopped at byte {Chunk} and dropped: the server's disk has", refused.Message);
        Assert.Contains($"needs {Core.ByteSize.Format(file.Length - Chunk)} more", refused.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
        Assert.Equal(["other-writer.bin"], Directory.EnumerateFiles(mount.Path, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
        var gone = await Assert.ThrowsAsync<UploadException>(() => uploads.GetAsync(host.Account.Id, upload.Id, CancellationToken.None));
        Assert.Equal(UploadError.NotFound, gone.Error);
    }

    private static Task<UploadState> StartAsync(ImportHost host, string path) => host.Get<VideoUploadService>().StartAsync(
        host.Account.Id, host.Stream.Id, new UploadRequest(Path.GetFileName(path), new FileInfo(path).Length), CancellationToken.None);
}
