using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Storage;

/// <summary>
/// Stores objects as block blobs. A small file goes up in one request and a larger upload commits its block list only
/// at the end, so a failed or cancelled put leaves no visible blob; read URLs are SAS URLs that support range requests.
/// </summary>
public sealed class AzureBlobStorage : IVodStorage
{
    private readonly BlobContainerClient _container;
    private readonly AzureBlobStorageOptions _options;

    public AzureBlobStorage(IOptions<StorageOptions> options)
    {
        var blob = options.Value.AzureBlob;
        _options = blob;
        if (string.IsNullOrWhiteSpace(blob.ConnectionString))
        {
            throw new ConfigurationException($"{StorageOptions.Section}:AzureBlob:ConnectionString", "is empty but Storage:Provider is AzureBlob.");
        }

        try
        {
            _container = new BlobContainerClient(blob.ConnectionString, blob.Container, new BlobClientOptions
            {
                Retry = { MaxRetries = 3, NetworkTimeout = TimeSpan.FromSeconds(100) },
            });
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new ConfigurationException($"{StorageOptions.Section}:AzureBlob:ConnectionString", $"is not a valid connection string ({e.Message}).");
        }
    }

    public string Name => "AzureBlob";

    public BlobContainerClient Container => _container;

    public async Task<long> PutAsync(string key, Stream content, long? length, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        if (content.CanSeek && length is { } announced)
        {
            // A file's length is known up front: a mismatch is refused before anything is written, and the SDK,
            // seeing the length, sends a small file in one request (no staged blocks, no commit, no buffering).
            var remaining = content.Length - content.Position;
            if (remaining != announced)
            {
                throw new IOException($"{Name}: expected {announced} bytes for '{key}' but the stream holds {remaining}.");
            }

            await blob.UploadAsync(content, Upload(_options.SingleUploadMaxBytes), cancellationToken);
            return announced;
        }

        var counting = new CountingReadStream(content);
        // Without a known length the SDK buffers up to the single-request size before choosing: keep that to one block.
        await blob.UploadAsync(counting, Upload(_options.UploadBlockBytes), cancellationToken);
        if (length is { } want && want != counting.BytesRead)
        {
            await DeleteAsync(key, CancellationToken.None);
            throw new IOException($"{Name}: expected {want} bytes for '{key}' but the stream gave {counting.BytesRead}.");
        }

        return counting.BytesRead;
    }

    public async Task<long> PutFileAsync(string key, string path, long length, CancellationToken cancellationToken)
    {
        long written;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            written = await PutAsync(key, file, length, cancellationToken);
        }

        File.Delete(path);
        return written;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        OpenReadRangeAsync(key, 0, null, cancellationToken);

    public async Task<Stream> OpenReadRangeAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length == 0)
        {
            return new MemoryStream([], writable: false);
        }

        // One request per read, no HEAD first: the range proxy reads a clip in hundreds of pieces, and asking for the
        // size before each doubled the round-trips. A range past the end answers 416, which reads as empty.
        try
        {
            var response = await Blob(key).DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length) }, cancellationToken);
            return new MeteredReadStream(response.Value.Content, Name);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new StorageObjectNotFoundException(Name, key);
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            return new MemoryStream([], writable: false);
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var response = await Blob(key).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        return response.Value;
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        (await Blob(key).ExistsAsync(cancellationToken)).Value;

    public async Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Blob(key).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.ContentLength;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task<Uri> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken) =>
        Task.FromResult(SasUri(key, lifetime, contentDisposition: null));

    public Task<Uri> GetDownloadUrlAsync(string key, string fileName, TimeSpan lifetime, CancellationToken cancellationToken) =>
        Task.FromResult(SasUri(key, lifetime, DownloadDisposition.For(fileName)));

    /// <summary>A read-only SAS; a Content-Disposition in it is signed too, and the service answers with it.</summary>
    private Uri SasUri(string key, TimeSpan lifetime, string? contentDisposition)
    {
        var blob = Blob(key);
        if (!blob.CanGenerateSasUri)
        {
            throw new ConfigurationException($"{StorageOptions.Section}:AzureBlob:ConnectionString", "has no account key, so read URLs (SAS) cannot be signed.");
        }

        return blob.GenerateSasUri(new BlobSasBuilder(BlobSasPermissions.Read, DateTimeOffset.UtcNow.Add(lifetime))
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            ContentDisposition = contentDisposition,
        });
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            yield return item.Name;
        }
    }

    public string? TryGetLocalPath(string key) => null;

    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            throw new ConfigurationException(
                $"{StorageOptions.Section}:AzureBlob:ConnectionString",
                $"cannot reach container '{_container.Name}' at {_container.Uri.GetLeftPart(UriPartial.Authority)}: {e.Message.Split('\n')[0]}");
        }
    }

    private BlobUploadOptions Upload(long singleRequestMaxBytes) => new()
    {
        TransferOptions = new Azure.Storage.StorageTransferOptions
        {
            InitialTransferSize = singleRequestMaxBytes,
            MaximumTransferSize = _options.UploadBlockBytes,
            MaximumConcurrency = _options.UploadConcurrency,
        },
    };

    private BlobClient Blob(string key) => _container.GetBlobClient(StorageKeys.Validate(key));
}
