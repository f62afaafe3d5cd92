using System.Text;

namespace VodManager.Core.Ingest;

/// <summary>
/// Reads a text format line by line over a refilled byte buffer, so a file of any size costs one buffer; decodes
/// each line as strict UTF-8 and enforces <see cref="IngestOptions.MaxLineBytes"/>. Errors name the line.
/// </summary>
internal sealed class LineReader
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly string _name;
    private readonly int _maxLine;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _final;

    public LineReader(Stream stream, string name, int maxLineBytes, ReadOnlySpan<byte> prefix = default)
    {
        _stream = stream;
        _name = name;
        _maxLine = maxLineBytes;
        _buffer = new byte[Math.Max(1 << 16, prefix.Length)];
        prefix.CopyTo(_buffer);
        _end = prefix.Length;
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Byte offset where the line last returned starts.</summary>
    public long LineOffset { get; private set; }

    private long _consumed;

    /// <summary>The next line without its line break, or null at the end.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0 || (_final && _end > _start))
            {
                var length = newline >= 0 ? newline : _end - _start;
                var line = Decode(_buffer.AsSpan(_start, length));
                if (LineNumber == 0 && line.StartsWith('\uFEFF'))
                {
                    line = line[1..];
                }

                LineNumber++;
                LineOffset = _consumed;
                var taken = newline >= 0 ? length + 1 : length;
                _start += taken;
                _consumed += taken;
                return line;
            }

            if (_final)
            {
                return null;
            }

            if (_end - _start > _maxLine)
            {
                throw new IngestException(_name, $"line is longer than {ByteSize.Format(_maxLine)} (Ingest:MaxLineBytes)", line: LineNumber + 1, byteOffset: _consumed);
            }

            await FillAsync(cancellationToken);
        }
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _maxLine + 2));
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        _final = read == 0;
    }

    private string Decode(ReadOnlySpan<byte> line)
    {
        if (line.Length > _maxLine)
        {
            throw new IngestException(_name, $"line is longer than {ByteSize.Format(_maxLine)} (Ingest:MaxLineBytes)", line: LineNumber + 1, byteOffset: _consumed);
        }

        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        try
        {
            return Strict.GetString(line);
        }
        catch (DecoderFallbackException e)
        {
            throw new IngestException(_name, "is not valid UTF-8 text (save the file as UTF-8)", line: LineNumber + 1, byteOffset: _consumed + Math.Max(0, e.Index), inner: e);
        }
    }
}
