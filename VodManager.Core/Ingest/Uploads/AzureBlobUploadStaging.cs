using System.Text;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest.Uploads;

/// <summary>
/// Stages each chunk as a block of the final blob, straight from the request body; completing commits the block
/// list, which is when the blob appears. Uncommitted blocks are invisible, and dropped by committing an empty list.
/// </summary>
public sealed class AzureBlobUploadStaging(AzureBlobStorage storage) : IUploadStaging
{
    /// <summary>Blocks go straight to the storage account; nothing of an upload lands on this server's disk.</summary>
    public void EnsureRoom(long bytes)
    {
    }

    public async Task WriteChunkAsync(string key, int index, long offset, Stream content, long length, CancellationToken cancellationToken)
    {
        // No checksum pass: it would read the body ahead and rewind it, and the block's content hash is checked by us.
        await Blob(key).StageBlockAsync(BlockId(index), new ForwardOnlyBodyStream(content, length), new BlockBlobStageBlockOptions
        {
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.None },
        }, cancellationToken);
    }

    public async Task<long> StagedBytesAsync(string key, int chunkCount, CancellationToken cancellationToken)
    {
        BlockList blocks;
        try
        {
            blocks = (await Blob(key).GetBlockListAsync(BlockListTypes.Uncommitted, cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }

        var sizes = blocks.UncommittedBlocks.ToDictionary(b => b.Name, b => b.SizeLong);
        var staged = 0L;
        for (var index = 0; index < chunkCount && sizes.TryGetValue(BlockId(index), out var size); index++)
        {
            staged += size;
        }

        return staged;
    }

    public async Task CommitAsync(string key, int chunkCount, long length, CancellationToken cancellationToken)
    {
        try
        {
            await Blob(key).CommitBlockListAsync(
                Enumerable.Range(0, chunkCount).Select(BlockId),
                new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" } },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == "InvalidBlockList")
        {
            throw new UploadException(UploadError.Lost, "Some pieces of this upload are no longer in storage (staged blocks expire after 7 days); start the upload again.", inner: e);
        }

        var size = (await Blob(key).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        if (size != length)
        {
            throw new UploadException(UploadError.Lost, $"The stored upload has {size} of {length} bytes; start the upload again.");
        }
    }

    public async Task DiscardAsync(string key, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        if (await blob.ExistsAsync(cancellationToken))
        {
            return; // committed: the VOD's release removes it
        }

        // Committing an empty list throws the staged blocks away at once instead of after Azure's 7-day expiry.
        await blob.CommitBlockListAsync([], cancellationToken: cancellationToken);
        await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    private BlockBlobClient Blob(string key) => storage.Container.GetBlockBlobClient(StorageKeys.Validate(key));

    /// <summary>Block ids of one blob must all have the same length: ten digits, base64.</summary>
    private static string BlockId(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes(index.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)));
}
