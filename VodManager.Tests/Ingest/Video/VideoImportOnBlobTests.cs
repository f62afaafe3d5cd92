using VodManager.Tests.Fixtures;
using Xunit.Abstractions;

namespace VodManager.Tests.Ingest.Video;

public sealed class VideoImportOnBlobTests(ITestOutputHelper output) : VideoImportTests(output)
{
    protected override Task<IDictionary<string, string?>> StorageAsync() => ImportHost.BlobStorageAsync();
}
