using VodManager.Core.Storage;

namespace VodManager.Core.Ingest.Uploads;

/// <summary>
/// A request body presented to the Azure SDK, which insists on a seekable stream of known length so it can rewind
/// for a retry. A body cannot rewind and must not be buffered, so this stream only "seeks" to where it already is;
/// a retry that needs to rewind fails, and the browser sends the chunk again instead.
/// </summary>
internal sealed class ForwardOnlyBodyStream(Stream inner, long length) : ReadOnlyStream(inner, ownsInner: false)
{
    private long _position;

    public override bool CanSeek => true;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        return target == _position ? _position : throw new NotSupportedException("An upload chunk is read once, straight from the request; it cannot be re-read.");
    }

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer[..(int)Math.Min(buffer.Length, length - _position)]);
        _position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - _position)], cancellationToken);
        _position += read;
        return read;
    }
}
