using System.Buffers;

namespace VodManager.Core.Ingest;

/// <summary>What <see cref="SignalsCommentScanner.Scan"/> made of the bytes at hand.</summary>
internal enum SignalsScan
{
    /// <summary>A whole comment was read.</summary>
    Done,

    /// <summary>The comment runs past the bytes at hand.</summary>
    NeedMore,

    /// <summary>Anything off the plain path (an escape, a notice, bits, a JSON comment, bad JSON): the JSON reader takes this comment.</summary>
    Unusual,
}

/// <summary>
/// Reads one TwitchDownloader comment for detection straight from its bytes, skipping what detection does not use
/// (fragment texts, badges, colours…) without tokenising it, the largest part of reading a chat for detection. It only
/// takes the plain path: well-formed JSON, no escape sequences, no notice, no bits. Anything else is left to the JSON
/// reader (<see cref="SignalsScan.Unusual"/>), which reads it as before and reports bad JSON the same way; the values it
/// produces are those the reader path produces for the same comment.
/// </summary>
internal ref struct SignalsCommentScanner
{
    private static readonly SearchValues<byte> StringStops = SearchValues.Create([.. Enumerable.Range(0, 32).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _maxDepth;
    private int _at;

    private SignalsCommentScanner(ReadOnlySpan<byte> data, int maxDepth)
    {
        _data = data;
        _maxDepth = maxDepth;
    }

    public double? Offset { get; private set; }

    public ulong? Id { get; private set; }

    public ulong AuthorKey { get; private set; }

    public int Emotes => _emoticons ?? _emoteFragments;

    public ChatTextShape Shape { get; private set; }

    public bool FromBot { get; private set; }

    /// <summary>Bytes the comment took.</summary>
    public readonly int Length => _at;

    private int? _emoticons;
    private int _emoteFragments;

    /// <param name="data">Bytes from the comment's opening brace on.</param>
    /// <param name="maxDepth">Nesting allowed inside the comment; deeper is left to the reader, which enforces its limit.</param>
    public static SignalsScan Scan(ReadOnlySpan<byte> data, int maxDepth, out SignalsCommentScanner comment)
    {
        comment = new SignalsCommentScanner(data, maxDepth);
        var result = comment.Comment();
        return result == SignalsScan.Done && comment.Offset is not (>= 0 and <= TwitchChatJsonParser.MaxOffsetSeconds) ? SignalsScan.Unusual : result;
    }

    private SignalsScan Comment()
    {
        _at++;
        var first = true;
        while (true)
        {
            var r = Member(ref first, out var name, out var end);
            if (r != SignalsScan.Done || end)
            {
                return r;
            }

            if (!Peek(out var c))
            {
                return SignalsScan.NeedMore;
            }

            if (name.SequenceEqual("content_offset_seconds"u8))
            {
                if (c is not ((byte)'-' or (>= (byte)'0' and <= (byte)'9')))
                {
                    return SignalsScan.Unusual;
                }

                if ((r = Number(out var number)) != SignalsScan.Done)
                {
                    return r;
                }

                if (!TwitchChatJsonParser.TryParseShortDecimal(number, out var seconds))
                {
                    return SignalsScan.Unusual;
                }

                Offset = seconds;
            }
            else if (name.SequenceEqual("_id"u8))
            {
                // A scalar other than a string is no id; a container the reader would not skip is left to it.
                Id = null;
                if (c != (byte)'"')
                {
                    r = Scalar(c);
                }
                else if ((r = String(out var id)) == SignalsScan.Done)
                {
                    Id = AuthorKeys.Of(id);
                }
            }
            else if (name.SequenceEqual("commenter"u8))
            {
                r = c == (byte)'{' ? Commenter() : Null(c);
            }
            else if (name.SequenceEqual("message"u8))
            {
                r = c == (byte)'{' ? Message() : Null(c);
            }
            else
            {
                r = Skip(1);
            }

            if (r != SignalsScan.Done)
            {
                return r;
            }
        }
    }

    private SignalsScan Commenter()
    {
        _at++;
        var first = true;
        var keyFromId = false;
        while (true)
        {
            var r = Member(ref first, out var name, out var end);
            if (r != SignalsScan.Done || end)
            {
                return r;
            }

            if (!Peek(out var c))
            {
                return SignalsScan.NeedMore;
            }

            if (name.SequenceEqual("_id"u8) && c is (byte)'"' or (byte)'-' or (>= (byte)'0' and <= (byte)'9'))
            {
                ReadOnlySpan<byte> id;
                r = c == (byte)'"' ? String(out id) : Number(out id);
                (AuthorKey, keyFromId) = (AuthorKeys.Of(id), true);
            }
            else if (name.SequenceEqual("name"u8) && c == (byte)'"')
            {
                r = String(out var login);
                if (ChatNotices.IsSystemAccount(login))
                {
                    return SignalsScan.Unusual;
                }

                AuthorKey = keyFromId ? AuthorKey : AuthorKeys.Of(login);
                FromBot = ChatBots.Is(login);
            }
            else
            {
                // The reader takes a scalar of these three as a value it ignores, but not a container.
                var single = name.SequenceEqual("_id"u8) || name.SequenceEqual("name"u8) || name.SequenceEqual("display_name"u8);
                r = single && c is (byte)'{' or (byte)'[' ? SignalsScan.Unusual : Skip(2);
            }

            if (r != SignalsScan.Done)
            {
                return r;
            }
        }
    }

    private SignalsScan Message()
    {
        _at++;
        var first = true;
        while (true)
        {
            var r = Member(ref first, out var name, out var end);
            if (r != SignalsScan.Done || end)
            {
                return r;
            }

            if (!Peek(out var c))
            {
                return SignalsScan.NeedMore;
            }

            if (name.SequenceEqual("body"u8))
            {
                if (c != (byte)'"')
                {
                    r = Scalar(c);
                }
                else if ((r = String(out var body)) == SignalsScan.Done)
                {
                    Shape = ChatTextShape.Of(body);
                }
            }
            else if (name.SequenceEqual("bits_spent"u8))
            {
                // Bits make a notice: the reader path names the cheerer.
                if (c == (byte)'n')
                {
                    r = Null(c);
                }
                else if (c is not ((byte)'-' or (>= (byte)'0' and <= (byte)'9')))
                {
                    return SignalsScan.Unusual;
                }
                else if ((r = Number(out var number)) == SignalsScan.Done && !(TwitchChatJsonParser.TryParseShortDecimal(number, out var bits) && bits < 1))
                {
                    return SignalsScan.Unusual;
                }
            }
            else if (name.SequenceEqual("emoticons"u8))
            {
                var count = 0;
                r = c == (byte)'[' ? Elements(countEmoteFragments: false, out count) : Skip(2);
                _emoticons = count;
            }
            else if (name.SequenceEqual("fragments"u8))
            {
                var count = 0;
                r = c == (byte)'[' ? Elements(countEmoteFragments: true, out count) : Skip(2);
                _emoteFragments = count;
            }
            else if (name.SequenceEqual("user_notice_params"u8) && c == (byte)'{')
            {
                r = NoticeParams();
            }
            else
            {
                r = Skip(2);
            }

            if (r != SignalsScan.Done)
            {
                return r;
            }
        }
    }

    /// <summary>Notice parameters with a value make a notice, left to the reader path; <c>{"msg-id":null}</c> is the usual line.</summary>
    private SignalsScan NoticeParams()
    {
        _at++;
        var first = true;
        while (true)
        {
            var r = Member(ref first, out var name, out var end);
            if (r != SignalsScan.Done || end)
            {
                return r;
            }

            if (!Peek(out var c))
            {
                return SignalsScan.NeedMore;
            }

            var field = name.SequenceEqual("msg-id"u8) || name.SequenceEqual("msg-param-sub-plan"u8) || name.SequenceEqual("msg-param-mass-gift-count"u8)
                || name.SequenceEqual("msg-param-viewerCount"u8) || name.SequenceEqual("msg-param-displayName"u8);
            if (field && c is (byte)'"' or (byte)'-' or (>= (byte)'0' and <= (byte)'9'))
            {
                return SignalsScan.Unusual;
            }

            r = Skip(3);
            if (r != SignalsScan.Done)
            {
                return r;
            }
        }
    }

    /// <summary>
    /// An array's elements, counted (<c>emoticons</c>) or, for <c>fragments</c>, the objects among them whose
    /// <c>emoticon</c> is an object.
    /// </summary>
    private SignalsScan Elements(bool countEmoteFragments, out int count)
    {
        count = 0;
        _at++;
        var first = true;
        while (true)
        {
            var r = Element(ref first, out var end);
            if (r != SignalsScan.Done || end)
            {
                return r;
            }

            if (!Peek(out var c))
            {
                return SignalsScan.NeedMore;
            }

            if (!countEmoteFragments || c != (byte)'{')
            {
                count += countEmoteFragments ? 0 : 1;
                r = Skip(3);
            }
            else
            {
                _at++;
                var firstMember = true;
                while (r == SignalsScan.Done)
                {
                    r = Member(ref firstMember, out var name, out var endOfFragment);
                    if (r != SignalsScan.Done || endOfFragment)
                    {
                        break;
                    }

                    if (!Peek(out var v))
                    {
                        return SignalsScan.NeedMore;
                    }

                    count += v == (byte)'{' && name.SequenceEqual("emoticon"u8) ? 1 : 0;
                    r = Skip(4);
                }
            }

            if (r != SignalsScan.Done)
            {
                return r;
            }
        }
    }

    /// <summary>
    /// Inside an object (just past its brace when <paramref name="first"/>, else just past a member's value): moves to
    /// the next member's value, or past the closing brace (<paramref name="end"/>).
    /// </summary>
    private SignalsScan Member(ref bool first, out ReadOnlySpan<byte> name, out bool end)
    {
        name = default;
        end = false;
        if (!Peek(out var c))
        {
            return SignalsScan.NeedMore;
        }

        if (c == (byte)'}')
        {
            _at++;
            end = true;
            return SignalsScan.Done;
        }

        if (!first)
        {
            if (c != (byte)',')
            {
                return SignalsScan.Unusual;
            }

            _at++;
            if (!Peek(out c))
            {
                return SignalsScan.NeedMore;
            }
        }

        first = false;
        if (c != (byte)'"')
        {
            return SignalsScan.Unusual;
        }

        var r = String(out name);
        if (r != SignalsScan.Done)
        {
            return r;
        }

        if (!Peek(out c))
        {
            return SignalsScan.NeedMore;
        }

        if (c != (byte)':')
        {
            return SignalsScan.Unusual;
        }

        _at++;
        return SignalsScan.Done;
    }

    /// <summary>Like <see cref="Member"/> for an array's elements.</summary>
    private SignalsScan Element(ref bool first, out bool end)
    {
        end = false;
        if (!Peek(out var c))
        {
            return SignalsScan.NeedMore;
        }

        if (c == (byte)']')
        {
            _at++;
            end = true;
            return SignalsScan.Done;
        }

        if (!first)
        {
            if (c != (byte)',')
            {
                return SignalsScan.Unusual;
            }

            _at++;
        }

        first = false;
        return SignalsScan.Done;
    }

    /// <summary>Skips any value, checking it is well-formed JSON.</summary>
    private SignalsScan Skip(int depth)
    {
        if (!Peek(out var c))
        {
            return SignalsScan.NeedMore;
        }

        if (c is (byte)'{' or (byte)'[')
        {
            if (depth >= _maxDepth)
            {
                return SignalsScan.Unusual;
            }

            _at++;
            var first = true;
            while (true)
            {
                var end = false;
                var r = c == (byte)'{' ? Member(ref first, out _, out end) : Element(ref first, out end);
                if (r != SignalsScan.Done || end)
                {
                    return r;
                }

                r = Skip(depth + 1);
                if (r != SignalsScan.Done)
                {
                    return r;
                }
            }
        }

        return c == (byte)'"' ? String(out _) : Scalar(c);
    }

    /// <summary>A number, true, false or null; anything else (a container, a string) is not expected here.</summary>
    private SignalsScan Scalar(byte c) => c switch
    {
        (byte)'t' => Literal("true"u8),
        (byte)'f' => Literal("false"u8),
        (byte)'n' => Literal("null"u8),
        (byte)'-' or (>= (byte)'0' and <= (byte)'9') => Number(out _),
        _ => SignalsScan.Unusual,
    };

    /// <summary>JSON null where the reader accepts null or an object (anything else it refuses).</summary>
    private SignalsScan Null(byte c) => c == (byte)'n' ? Literal("null"u8) : SignalsScan.Unusual;

    private SignalsScan Literal(ReadOnlySpan<byte> literal)
    {
        var rest = _data[_at..];
        if (rest.Length < literal.Length)
        {
            return literal.StartsWith(rest) ? SignalsScan.NeedMore : SignalsScan.Unusual;
        }

        if (!rest.StartsWith(literal))
        {
            return SignalsScan.Unusual;
        }

        _at += literal.Length;
        return Delimited();
    }

    /// <summary>An unescaped string's content (between the quotes); an escape or a control character is left to the reader.</summary>
    private SignalsScan String(out ReadOnlySpan<byte> value)
    {
        value = default;
        var stop = _data[(_at + 1)..].IndexOfAny(StringStops);
        if (stop < 0)
        {
            return SignalsScan.NeedMore;
        }

        if (_data[_at + 1 + stop] != (byte)'"')
        {
            return SignalsScan.Unusual;
        }

        value = _data.Slice(_at + 1, stop);
        _at += stop + 2;
        return SignalsScan.Done;
    }

    /// <summary>A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private SignalsScan Number(out ReadOnlySpan<byte> number)
    {
        number = default;
        var i = _at;
        if (i < _data.Length && _data[i] == (byte)'-')
        {
            i++;
        }

        if (i < _data.Length && _data[i] == (byte)'0')
        {
            i++;
        }
        else if (!Digits(ref i))
        {
            return i < _data.Length ? SignalsScan.Unusual : SignalsScan.NeedMore;
        }

        if (i < _data.Length && _data[i] == (byte)'.')
        {
            i++;
            if (!Digits(ref i))
            {
                return i < _data.Length ? SignalsScan.Unusual : SignalsScan.NeedMore;
            }
        }

        if (i < _data.Length && _data[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < _data.Length && _data[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (!Digits(ref i))
            {
                return i < _data.Length ? SignalsScan.Unusual : SignalsScan.NeedMore;
            }
        }

        number = _data[_at..i];
        _at = i;
        return Delimited();
    }

    private readonly bool Digits(ref int i)
    {
        var from = i;
        while (i < _data.Length && _data[i] - (uint)'0' <= 9)
        {
            i++;
        }

        return i > from;
    }

    /// <summary>A number or literal must be followed by a delimiter, and at the end of the bytes it may still go on.</summary>
    private readonly SignalsScan Delimited()
    {
        if (_at == _data.Length)
        {
            return SignalsScan.NeedMore;
        }

        return _data[_at] is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' ? SignalsScan.Done : SignalsScan.Unusual;
    }

    /// <summary>The next byte after white space.</summary>
    private bool Peek(out byte c)
    {
        while (_at < _data.Length)
        {
            c = _data[_at];
            if (c is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return true;
            }

            _at++;
        }

        c = 0;
        return false;
    }
}
