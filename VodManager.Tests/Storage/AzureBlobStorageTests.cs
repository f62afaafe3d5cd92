using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Storage;

/// <summary>The storage contract on Azure Blob Storage, against a real Azurite.</summary>
public sealed class AzureBlobStorageTests(AzureBlobStorageTests.BlobFixture fixture) : StorageContractTests, IClassFixture<AzureBlobStorageTests.BlobFixture>
{
    protected override IVodStorage Storage => fixture.Host.Get<IVodStorage>();

    [Fact]
    public void The_configured_provider_is_blob()
    {
        Assert.IsType<AzureBlobStorage>(Storage);
    }

    public sealed class BlobFixture : IAsyncLifetime
    {
        public CoreHost Host { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            var azurite = await Azurite.GetAsync();
            Host = await CoreHost.StartAsync(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "AzureBlob",
                ["Storage:AzureBlob:ConnectionString"] = azurite.ConnectionString,
                ["Storage:AzureBlob:Container"] = Azurite.NewContainerName(),
            });
            await Host.Get<IVodStorage>().CheckHealthAsync(CancellationToken.None);
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
