using VodManager.Core.Diagnostics;

namespace VodManager.Core.Storage;

/// <summary>A storage read stream that counts what it hands out (<see cref="VodMetrics.StorageBytesRead"/>).</summary>
internal sealed class MeteredReadStream(Stream inner, string provider) : ReadOnlyStream(inner, ownsInner: true)
{
    private readonly KeyValuePair<string, object?> _provider = new(VodMetrics.ProviderTag, provider);

    public override bool CanSeek => Inner.CanSeek;
    public override long Length => Inner.Length;

    public override long Position
    {
        get => Inner.Position;
        set => Inner.Position = value;
    }

    public override int Read(Span<byte> buffer) => Count(Inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken));

    public override long Seek(long offset, SeekOrigin origin) => Inner.Seek(offset, origin);

    private int Count(int read)
    {
        if (read > 0)
        {
            VodMetrics.StorageBytesRead.Add(read, _provider);
        }

        return read;
    }
}
