using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest.Uploads;

public sealed class VideoUploadOnBlobTests : VideoUploadTests
{
    protected override Task<IDictionary<string, string?>> StorageAsync() => ImportHost.BlobStorageAsync();
}
