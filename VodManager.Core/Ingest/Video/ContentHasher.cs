using System.Security.Cryptography;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// A file's fingerprint: SHA-256 over the SHA-256 of each 1 MiB block. Computed while the bytes stream past, so no
/// import reads its file twice; and because a resumable upload keeps the block hashes of each chunk it received,
/// an upload that arrived in pieces, over days or on different nodes, gets the same value as a one-pass import.
/// </summary>
public sealed class ContentHasher : IDisposable
{
    public const int BlockSize = 1 << 20;
    private const int HashSize = 32;

    private readonly IncrementalHash _block = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly MemoryStream _blockHashes = new();
    private int _inBlock;

    public long Bytes { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        Bytes += data.Length;
        while (!data.IsEmpty)
        {
            var take = Math.Min(BlockSize - _inBlock, data.Length);
            _block.AppendData(data[..take]);
            _inBlock += take;
            data = data[take..];
            if (_inBlock == BlockSize)
            {
                CloseBlock();
            }
        }
    }

    /// <summary>The hashes of the blocks not taken yet, closing a trailing partial block: call when the data ends.</summary>
    public byte[] CompleteBlocks()
    {
        if (_inBlock > 0)
        {
            CloseBlock();
        }

        return TakeBlocks();
    }

    /// <summary>
    /// The hashes of the whole blocks closed since the last take: a checkpoint's, which ends on a block boundary (a
    /// block still open stays for the next take).
    /// </summary>
    public byte[] TakeBlocks()
    {
        var hashes = _blockHashes.ToArray();
        _blockHashes.SetLength(0);
        return hashes;
    }

    /// <summary>The fingerprint (64 lowercase hex digits) of data whose block hashes are given in order.</summary>
    public static string Combine(IEnumerable<byte[]> blockHashes)
    {
        using var outer = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in blockHashes)
        {
            if (part.Length % HashSize != 0)
            {
                throw new ArgumentException("Block hashes come in 32-byte units.", nameof(blockHashes));
            }

            outer.AppendData(part);
        }

        return Convert.ToHexStringLower(outer.GetHashAndReset());
    }

    private void CloseBlock()
    {
        _blockHashes.Write(_block.GetHashAndReset());
        _inBlock = 0;
    }

    public void Dispose()
    {
        _block.Dispose();
        _blockHashes.Dispose();
    }
}
