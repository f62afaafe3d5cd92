namespace VodManager.Core.Storage;

/// <summary>Passes reads through and counts the bytes, to check an upload against its announced length.</summary>
internal sealed class CountingReadStream(Stream inner) : ReadOnlyStream(inner, ownsInner: false)
{
    public long BytesRead { get; private set; }

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer) => Count(Inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken));

    private int Count(int read)
    {
        BytesRead += read;
        return read;
    }
}
