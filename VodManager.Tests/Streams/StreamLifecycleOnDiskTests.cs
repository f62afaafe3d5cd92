namespace VodManager.Tests.Streams;

public sealed class StreamLifecycleOnDiskTests : StreamLifecycleTests
{
    protected override Task<IDictionary<string, string?>> StorageAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>());
}
