using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Streams;

/// <summary>The Azure Blob variant (Azurite): CI runs it, the fast set checks the same tests on local disk.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class StreamLifecycleOnBlobTests : StreamLifecycleTests
{
    protected override Task<IDictionary<string, string?>> StorageAsync() => ImportHost.BlobStorageAsync();
}
