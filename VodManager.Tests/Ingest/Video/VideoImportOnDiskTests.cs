using Xunit.Abstractions;

namespace VodManager.Tests.Ingest.Video;

public sealed class VideoImportOnDiskTests(ITestOutputHelper output) : VideoImportTests(output)
{
    protected override Task<IDictionary<string, string?>> StorageAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>());
}
