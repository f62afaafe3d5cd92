using VodManager.Tests.Fixtures;
using Xunit.Abstractions;

namespace VodManager.Tests.Ingest.Video;

/// <summary>The Azure Blob variant (Azurite): CI runs it, the fast set checks the same tests on local disk.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class VideoImportOnBlobTests(ITestOutputHelper output) : VideoImportTests(output)
{
    protected override Task<IDictionary<string, string?>> StorageAsync() => ImportHost.BlobStorageAsync();
}
