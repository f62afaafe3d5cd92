using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Storage;

/// <summary>The storage contract on local disk, with read URLs served by the real app's media endpoint.</summary>
public sealed class LocalDiskStorageTests(LocalDiskStorageTests.AppFixture fixture) : StorageContractTests, IClassFixture<LocalDiskStorageTests.AppFixture>
{
    protected override IVodStorage Storage => fixture.App.Get<IVodStorage>();

    // Signed in on the host the read URLs name (the bound address), since the cookie goes only there.
    protected override Task<HttpClient> CreateReadClientAsync() => HttpSignIn.SignedInClientAsync(fixture.App.Get<ServerAddress>().BaseUri!, fixture.Member);

    [Fact]
    public async Task A_tampered_signature_or_another_key_is_refused()
    {
        var key = $"accounts/1/test/{Guid.NewGuid():N}/a.mp4";
        await Storage.PutAsync(key, new MemoryStream(new byte[100]), 100, CancellationToken.None);
        var url = (await Storage.GetReadUrlAsync(key, TimeSpan.FromMinutes(5), CancellationToken.None)).ToString();
        using var http = await CreateReadClientAsync();

        var otherKey = url.Replace("/a.mp4", "/b.mp4");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync(otherKey)).StatusCode);
        var tampered = url[..^3] + (url[^3..] == "AAA" ? "BBB" : "AAA");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync(tampered)).StatusCode);
    }

    public sealed class AppFixture : IAsyncLifetime
    {
        public RunningApp App { get; private set; } = default!;

        /// <summary>A member of account 1, the account the contract's keys live in.</summary>
        public TestUser Member { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            App = await RunningApp.StartAsync();
            await using (var db = await EditorData.Db(App.Services))
            {
                db.Accounts.Add(new Account { Id = 1, Name = "Storage tests", CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }

            Member = await App.AddUserAsync(1, AccountRole.Viewer);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }
}
