using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Storage;

/// <summary>The storage contract on local disk, with read URLs served by the real app's media endpoint.</summary>
public sealed class LocalDiskStorageTests(LocalDiskStorageTests.AppFixture fixture) : StorageContractTests, IClassFixture<LocalDiskStorageTests.AppFixture>
{
    protected override IVodStorage Storage => fixture.App.Get<IVodStorage>();

    [Fact]
    public async Task A_tampered_signature_or_another_key_is_refused()
    {
        var key = $"accounts/1/test/{Guid.NewGuid():N}/a.mp4";
        await Storage.PutAsync(key, new MemoryStream(new byte[100]), 100, CancellationToken.None);
        var url = (await Storage.GetReadUrlAsync(key, TimeSpan.FromMinutes(5), CancellationToken.None)).ToString();
        using var http = new HttpClient();

        var otherKey = url.Replace("/a.mp4", "/b.mp4");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync(otherKey)).StatusCode);
        var tampered = url[..^3] + (url[^3..] == "AAA" ? "BBB" : "AAA");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync(tampered)).StatusCode);
    }

    public sealed class AppFixture : IAsyncLifetime
    {
        public RunningApp App { get; private set; } = default!;

        public async Task InitializeAsync() => App = await RunningApp.StartAsync();

        public async Task DisposeAsync() => await App.DisposeAsync();
    }
}
