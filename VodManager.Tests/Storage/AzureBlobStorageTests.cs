using Microsoft.Extensions.Options;
using VodManager.Core;
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

    [Theory]
    [InlineData("Storage:AzureBlob:UploadBlockBytes", "1000", "Storage:AzureBlob:UploadBlockBytes")]
    [InlineData("Storage:AzureBlob:SingleUploadMaxBytes", "0", "Storage:AzureBlob:SingleUploadMaxBytes")]
    [InlineData("Storage:AzureBlob:UploadConcurrency", "0", "Storage:AzureBlob:UploadConcurrency")]
    public async Task Bad_upload_settings_are_refused_naming_them(string key, string value, string expected)
    {
        // The storage provider is chosen at registration, so the section is checked there, before anything starts.
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => CoreHost.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Equal(StorageOptions.Section, error.Setting);
        Assert.Contains(expected, error.Message);
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
