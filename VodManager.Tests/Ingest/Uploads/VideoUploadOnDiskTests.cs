namespace VodManager.Tests.Ingest.Uploads;

public sealed class VideoUploadOnDiskTests : VideoUploadTests
{
    protected override Task<IDictionary<string, string?>> StorageAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>());
}
