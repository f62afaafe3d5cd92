using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Streams;

public sealed class StreamLifecycleOnBlobTests : StreamLifecycleTests
{
    protected override Task<IDictionary<string, string?>> StorageAsync() => ImportHost.BlobStorageAsync();
}
