namespace VodManager.Core.Storage;

/// <summary>
/// The boilerplate of a read-only stream over another one: the array overloads go through
/// <see cref="Read(Span{byte})"/> and <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>, which a subclass
/// implements (the first may be left to the second); writing is refused, and so are seeking and the length unless the subclass says otherwise. Disposes
/// the inner stream when it owns it.
/// </summary>
public abstract class ReadOnlyStream(Stream inner, bool ownsInner) : Stream
{
    /// <summary>A stream that reads from something other than one inner stream (it changes, or there are several).</summary>
    protected ReadOnlyStream()
        : this(Null, ownsInner: false)
    {
    }

    protected Stream Inner => inner;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Reads through <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>: a stream over the network has no synchronous path of its own.</summary>
    public override int Read(Span<byte> buffer)
    {
        var bytes = new byte[buffer.Length];
        var read = ReadAsync(bytes).AsTask().GetAwaiter().GetResult();
        bytes.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => ownsInner ? inner.DisposeAsync() : base.DisposeAsync();
}
