using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace VodManager.Core.Ingest;

/// <summary>
/// Streams a TwitchDownloader chat JSON (the <c>{"comments":[…]}</c> object, or the older root array of comments; also
/// chat-downloader's root array of flat messages: <c>time_in_seconds</c>, <c>message</c> text, <c>author</c>, which
/// only the reader path reads) one comment at a time through <see cref="Utf8JsonReader"/> over a refilled buffer: memory stays at the buffer
/// (grown only for a single value larger than it) whatever the file's size. A comment cut by the buffer's end is
/// parsed again from its start after the refill, so each byte is read about once.
/// </summary>
internal sealed class TwitchChatJsonParser
{
    private const int InitialBuffer = 1 << 18;
    /// <summary>Lines per batch: the batch's array stays below the large-object heap (85,000 bytes), whose every
    /// allocation can trigger a full collection; a batch per buffer refill there made detection GC-bound.</summary>
    private static readonly int BatchSize = 80_000 / Unsafe.SizeOf<ChatRecord>();
    internal const double MaxOffsetSeconds = 30 * 24 * 3600;
    private const double RepeatWindowSeconds = 120;
    private const double RepeatToleranceSeconds = 1;

    private readonly Stream _stream;
    private readonly string _name;
    private readonly IngestOptions _options;
    private readonly ChatReadMode _mode;
    private readonly ChatMetadataScan? _metadata;
    private readonly JsonReaderOptions _readerOptions;
    private readonly bool _scanBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _absolute;
    private bool _final;
    private JsonReaderState _state;
    private Phase _phase = Phase.Start;
    private int _skipDepth;
    private bool _rootArray;
    private bool _sawComments;
    private long _comments;
    private readonly Dictionary<ulong, (double At, ulong Author)> _recentIds = [];
    private double _prunedAt;

    // The byte scanner's place between comments, and the reader's turn to take the comment it left to it.
    private Between _between;
    private bool _readerTurn;
    private int _discard;

    // Lines before the point where the reader last resumed (its line numbers start there), and newlines counted so far
    // in the bytes before buffer index _counted.
    private long _lineBase;
    private long _lines;
    private int _counted;

    // The root's "video" or "streamer" object being skipped while its values go to _metadata, and its current property.
    private string? _header;
    private string? _headerProperty;

    // TwitchDownloader keeps a cropped download's comments at their offsets in the whole VOD and writes the crop's
    // start as video.start, before the comments; the cropped video starts there, so offsets count from it.
    private double _cropStart;

    /// <summary>Where a live capture's comments (chat-downloader recording a live stream: times, no offsets) are placed.</summary>
    private readonly StreamClock _clock;

    /// <summary>Whether the first comment was timed by the clock alone (a live capture); null before it. A file is one or the other.</summary>
    private bool? _clockTimed;

    private bool _kept;

    /// <summary>Comments left out for lying before the video's start (below zero, or before a cropped download's start).</summary>
    private int _beforeVideo;

    private enum Phase
    {
        Start,
        RootObject,
        ExpectCommentsArray,
        SkipValue,
        SkippingContainer,
        Comments,
        AfterRoot,
        Done,

        /// <summary>Comments read by <see cref="SignalsCommentScanner"/> from the bytes, not by the reader.</summary>
        ScanningComments,

        /// <summary>The reader resumes inside the comments array: it reads the made-up tokens placed before it first.</summary>
        Resume,
    }

    private enum Between
    {
        AfterOpen,
        AfterValue,
        AfterComma,
    }

    /// <param name="prefix">Bytes already read from the start of the content while sniffing its format.</param>
    /// <param name="metadata">Gathers what the file says about its broadcast on the same pass, or null.</param>
    /// <param name="clockStart">The stream's start (UTC), which a live capture's comments (times, no offsets) count from; null: its first comment.</param>
    public TwitchChatJsonParser(Stream stream, string name, IngestOptions options, ChatReadMode mode, ReadOnlySpan<byte> prefix, ChatMetadataScan? metadata = null, DateTime? clockStart = null)
    {
        _clock = new StreamClock(clockStart);
        _stream = stream;
        _name = name;
        _options = options;
        _mode = mode;
        _metadata = metadata;
        _buffer = new byte[Math.Max(InitialBuffer, prefix.Length)];
        prefix.CopyTo(_buffer);
        _end = prefix.Length;
        _readerOptions = new JsonReaderOptions { MaxDepth = options.MaxJsonDepth, CommentHandling = JsonCommentHandling.Skip };
        _state = new JsonReaderState(_readerOptions);
        _scanBytes = mode == ChatReadMode.Signals && metadata is null;
    }

    public async IAsyncEnumerable<List<ChatRecord>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<ChatRecord>(BatchSize);
        while (true)
        {
            var before = _absolute + _start;
            Parse(batch);
            if (batch.Count > 0)
            {
                _kept = true;
                yield return batch;
                batch = new List<ChatRecord>(BatchSize);
            }

            if (_phase == Phase.Done)
            {
                if (!_sawComments)
                {
                    throw new IngestException(_name, "this JSON has no \"comments\" array: not a TwitchDownloader chat log");
                }

                if (!_kept && _clock.Before > 0)
                {
                    throw new IngestException(_name, _clock.AllBefore("comments"));
                }

                if (!_kept && _beforeVideo > 0)
                {
                    var crop = _cropStart > 0 ? string.Create(CultureInfo.InvariantCulture, $", where this cropped download begins (video.start {_cropStart} s)") : "";
                    throw new IngestException(_name, StreamClock.AllBeforeVideo(_beforeVideo, "comment", crop));
                }

                yield break;
            }

            if (_final && _absolute + _start == before)
            {
                throw new IngestException(_name, "the file ends in the middle of the JSON (truncated?)", byteOffset: _absolute + _end);
            }

            await FillAsync(cancellationToken);
        }
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_final)
        {
            return;
        }

        if (_start > 0)
        {
            CountLines(_start);
            _counted = Math.Max(0, _counted - _start);
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _absolute += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // One value (a comment, or a long string) does not fit: grow, within the limit a hostile file cannot pass.
            if (_buffer.Length >= _options.MaxJsonValueBytes)
            {
                throw new IngestException(_name, $"a single JSON value is larger than {ByteSize.Format(_options.MaxJsonValueBytes)} (Ingest:MaxJsonValueBytes)", byteOffset: _absolute);
            }

            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _options.MaxJsonValueBytes));
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        _final = read == 0;
    }

    private void Parse(List<ChatRecord> batch)
    {
        while (_phase != Phase.ScanningComments || ScanComments(batch))
        {
            if (!ParseWithReader(batch))
            {
                return;
            }
        }
    }

    /// <returns>Whether the reader left the comments to the byte scanner.</returns>
    private bool ParseWithReader(List<ChatRecord> batch)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        try
        {
            return ParseTokens(ref reader, batch);
        }
        catch (JsonException e)
        {
            throw new IngestException(_name, Describe(e), line: _lineBase + e.LineNumber + 1, byteOffset: _absolute + _start + reader.BytesConsumed, inner: e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader refuses to transcode invalid UTF-8 (or a value of the wrong type) with this exception.
            throw new IngestException(_name, $"comment {_comments + 1}: {e.Message}", byteOffset: _absolute + _start + reader.TokenStartIndex, inner: e);
        }
    }

    private bool ParseTokens(ref Utf8JsonReader reader, List<ChatRecord> batch)
    {
        while (true)
        {
            switch (_phase)
            {
                case Phase.Start:
                    if (!reader.Read())
                    {
                        goto NeedMore;
                    }

                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        (_phase, _rootArray, _sawComments) = (Phase.Comments, true, true);
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        _phase = Phase.RootObject;
                    }
                    else
                    {
                        throw Error(ref reader, "expected a JSON object with \"comments\" or an array of comments");
                    }

                    break;

                case Phase.RootObject:
                    if (!reader.Read())
                    {
                        goto NeedMore;
                    }

                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        _phase = Phase.AfterRoot;
                    }
                    else if (reader.ValueTextEquals("comments"u8) && !_sawComments)
                    {
                        _phase = Phase.ExpectCommentsArray;
                    }
                    else
                    {
                        (_phase, _skipDepth) = (Phase.SkipValue, reader.CurrentDepth);
                        _header = reader.ValueTextEquals("video"u8) || (_metadata is not null && reader.ValueTextEquals("streamer"u8)) ? reader.GetString() : null;
                    }

                    break;

                case Phase.ExpectCommentsArray:
                    if (!reader.Read())
                    {
                        goto NeedMore;
                    }

                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw Error(ref reader, "\"comments\" is not an array");
                    }

                    (_phase, _sawComments) = (Phase.Comments, true);
                    break;

                case Phase.SkipValue:
                case Phase.SkippingContainer:
                    // Unknown top-level values (embedded emote images can be megabytes) are skipped token by token.
                    if (!reader.Read())
                    {
                        goto NeedMore;
                    }

                    if (_phase == Phase.SkipValue)
                    {
                        _phase = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? Phase.SkippingContainer : Phase.RootObject;
                    }
                    else if (_header is not null && reader.CurrentDepth == 2)
                    {
                        HeaderToken(ref reader);
                    }
                    else if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == _skipDepth)
                    {
                        _phase = Phase.RootObject;
                    }

                    break;

                case Phase.Comments when _scanBytes && !_readerTurn:
                    _start += (int)reader.BytesConsumed;
                    (_phase, _between) = (Phase.ScanningComments, reader.TokenType == JsonTokenType.StartArray ? Between.AfterOpen : Between.AfterValue);
                    return true;

                case Phase.Resume:
                    if (!reader.Read())
                    {
                        goto NeedMore;
                    }

                    _phase = --_discard == 0 ? Phase.Comments : Phase.Resume;
                    break;

                case Phase.Comments:
                    var checkpoint = reader.CurrentState;
                    var consumed = reader.BytesConsumed;
                    if (!reader.Read())
                    {
                        goto NeedMore;
                    }

                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        _phase = _rootArray ? Phase.AfterRoot : Phase.RootObject;
                        break;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw Error(ref reader, $"comment {_comments + 1} is not an object");
                    }

                    if (!TryReadComment(ref reader, out var record, out var id, out var announcement))
                    {
                        // The comment runs past the buffer: resume at its start once more bytes are in.
                        _start += (int)consumed;
                        _state = checkpoint;
                        return false;
                    }

                    (_comments, _readerTurn) = (_comments + 1, false);
                    if (announcement || BeforeVideo(record.OffsetSeconds) || IsRepeat(id, record.AuthorKey, record.OffsetSeconds))
                    {
                        break;
                    }

                    batch.Add(record);
                    if (batch.Count == BatchSize)
                    {
                        goto NeedMore;
                    }

                    break;

                case Phase.AfterRoot:
                    // Read() past the root value fails on trailing garbage and returns false at the true end.
                    if (reader.Read())
                    {
                        throw Error(ref reader, "unexpected content after the end of the JSON");
                    }

                    if (!_final)
                    {
                        goto NeedMore;
                    }

                    _phase = Phase.Done;
                    return false;

                case Phase.Done:
                case Phase.ScanningComments:
                    return false;
            }
        }

    NeedMore:
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        return false;
    }

    /// <summary>
    /// Reads comments with <see cref="SignalsCommentScanner"/> from <see cref="_start"/>, a point between comments.
    /// </summary>
    /// <returns>Whether the reader takes over (something the scanner leaves to it is next); false when more bytes
    /// are needed or the batch is full.</returns>
    private bool ScanComments(List<ChatRecord> batch)
    {
        var maxDepth = _options.MaxJsonDepth - 3;
        while (true)
        {
            // The reader resumes where the last token ended, before any white space, as it would have stood itself.
            var at = _start;
            while (at < _end && _buffer[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                at++;
            }

            if (at == _end)
            {
                // At the true end the reader says what is missing; before it, white space is not kept over a refill.
                _start = _final ? _start : at;
                return _final && Resume();
            }

            var c = _buffer[at];
            if (_between == Between.AfterValue)
            {
                if (c != (byte)',')
                {
                    return Resume();
                }

                (_start, _between) = (at + 1, Between.AfterComma);
                continue;
            }

            if (c != (byte)'{')
            {
                return Resume();
            }

            var scan = SignalsCommentScanner.Scan(_buffer.AsSpan(at, _end - at), maxDepth, out var comment);
            if (scan == SignalsScan.NeedMore && !_final)
            {
                return false;
            }

            if (scan != SignalsScan.Done)
            {
                return Resume();
            }

            (_start, _between) = (at + comment.Length, Between.AfterValue);
            _comments++;
            var seconds = comment.Offset!.Value - _cropStart;
            if (BeforeVideo(seconds) || IsRepeat(comment.Id, comment.AuthorKey, seconds))
            {
                continue;
            }

            batch.Add(new ChatRecord(seconds, comment.AuthorKey, null, "", "", comment.Emotes, 0, null) { Shape = comment.Shape, FromBot = comment.FromBot });
            if (batch.Count == BatchSize)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Hands the comments array back to the reader at <see cref="_start"/>. A reader cannot start inside a document, so
    /// a fresh one reads made-up tokens first that put it where the scanner stopped: inside the comments array (at the
    /// depth it has in the file), after its opening bracket, a comment or a comma.
    /// </summary>
    private bool Resume()
    {
        var prefix = _rootArray ? "["u8 : "{\"\":["u8;
        var tokens = _rootArray ? 1 : 3;
        var after = _between switch { Between.AfterValue => "{}"u8, Between.AfterComma => "{},"u8, _ => ""u8 };
        Span<byte> made = stackalloc byte[8];
        prefix.CopyTo(made);
        after.CopyTo(made[prefix.Length..]);
        made = made[..(prefix.Length + after.Length)];
        tokens += after.IsEmpty ? 0 : 2;

        CountLines(_start);
        var at = _start;
        if (at < made.Length)
        {
            // Too close to the buffer's start: move the unread bytes up to make room.
            var shift = made.Length - at;
            if (_end + shift > _buffer.Length)
            {
                Array.Resize(ref _buffer, _end + shift);
            }

            Buffer.BlockCopy(_buffer, at, _buffer, at + shift, _end - at);
            (_end, _absolute, at, _counted) = (_end + shift, _absolute - shift, at + shift, at + shift);
        }

        made.CopyTo(_buffer.AsSpan(at - made.Length));
        _start = at - made.Length;
        _lineBase = _lines;
        _state = new JsonReaderState(_readerOptions);
        (_phase, _discard, _readerTurn) = (Phase.Resume, tokens, true);
        return true;
    }

    /// <summary>Counts newlines up to buffer index <paramref name="to"/>, for the line numbers of a resumed reader.</summary>
    private void CountLines(int to)
    {
        if (_scanBytes && to > _counted)
        {
            _lines += _buffer.AsSpan(_counted, to - _counted).Count((byte)'\n');
            _counted = to;
        }
    }

    /// <summary>A token directly inside the root's "video" or "streamer" object: a property name, or its value for <see cref="_metadata"/>.</summary>
    private void HeaderToken(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            _headerProperty = reader.GetString();
        }
        else if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number && _headerProperty is not null)
        {
            if (_header == "video" && _headerProperty == "start" && ChatMetadataScan.Number(ref reader) is { } start and > 0)
            {
                _cropStart = _comments == 0
                    ? start
                    : throw Error(ref reader, "video.start (where a cropped download begins) comes after the comments, so they cannot be placed; TwitchDownloader writes it before them");
            }

            _metadata?.Header(_header!, _headerProperty, ref reader);
        }
    }

    /// <param name="announcement">An item that is read but is nobody's message (<see cref="NotChatTypes"/>): left out.</param>
    private bool TryReadComment(ref Utf8JsonReader reader, out ChatRecord record, out ulong? id, out bool announcement)
    {
        record = default;
        id = null;
        announcement = false;
        double? offset = null;
        var offsetField = "content_offset_seconds";
        DateTime? createdAt = null;
        DateTime? stamped = null;
        string? vodId = null;
        var author = new Author();
        var message = new Message();
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (OffsetField(ref reader) is { } field)
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    // A string here is a hand-edited or foreign file, not a TwitchDownloader export: refuse rather than guess.
                    throw Error(ref reader, $"comment {_comments + 1}: {field} is a string, not a number");
                }

                (offset, offsetField) = (ReadNumber(ref reader, field), field);
            }
            else if (reader.ValueTextEquals("_id"u8) || reader.ValueTextEquals("message_id"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                id = reader.TokenType == JsonTokenType.String ? Key(ref reader) : null;
            }
            else if (_metadata is { WantsCommentTime: true } && reader.ValueTextEquals("created_at"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                createdAt = ChatMetadataScan.Time(ref reader);
                if (!Skip(ref reader))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                // chat-downloader: microseconds since 1970 (UTC); a live capture's only time.
                stamped = createdAt = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var micros) && micros is > 0 and < 253_402_300_800_000_000
                    ? DateTime.UnixEpoch.AddTicks(micros * 10)
                    : null;
                if (!Skip(ref reader))
                {
                    return false;
                }
            }
            else if (_metadata is { WantsVodId: true } && reader.ValueTextEquals("content_id"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                vodId = ChatMetadataScan.Text(ref reader);
                if (!Skip(ref reader))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("commenter"u8) || reader.ValueTextEquals("author"u8))
            {
                if (!reader.Read() || !TryReadCommenter(ref reader, ref author))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    // chat-downloader: the text itself.
                    ReadBody(ref reader, ref message, author.IsSystem);
                    message.Paid.FirstNumber = message.Body is { } body ? FirstNumber(body.AsSpan()) : FirstNumber(reader.ValueSpan);
                }
                else if (!TryReadMessage(ref reader, ref message, author.IsSystem))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("emotes"u8))
            {
                if (!reader.Read() || !TryCountElements(ref reader, out var count))
                {
                    return false;
                }

                message.Emoticons = count;
            }
            else if (reader.ValueTextEquals("message_type"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                message.Paid.Item = reader.TokenType != JsonTokenType.String ? YouTubeItem.None
                    : reader.ValueTextEquals("paid_message"u8) ? YouTubeItem.SuperChat
                    : reader.ValueTextEquals("paid_sticker"u8) ? YouTubeItem.SuperSticker
                    : reader.ValueTextEquals("membership_item"u8) ? YouTubeItem.Membership
                    : reader.ValueTextEquals("sponsorships_gift_purchase_announcement"u8) ? YouTubeItem.GiftPurchase
                    : YouTubeItem.None;
                message.Params.MsgId ??= reader.TokenType == JsonTokenType.String ? TwitchMsgId(ref reader) : null;
                message.NotChat = reader.TokenType == JsonTokenType.String && !reader.ValueTextEquals("text_message"u8)
                    && !reader.ValueIsEscaped && NotChatTypes.Contains(Encoding.UTF8.GetString(reader.ValueSpan));
            }
            else if (FieldIndex(ref reader, FlatNoticeFields) is var flat and >= 0)
            {
                // chat-downloader writes a Twitch notice's parameters beside its text, not in user_notice_params.
                if (!reader.Read())
                {
                    return false;
                }

                ReadFlatNoticeField(ref reader, flat, ref message);
                if (!Skip(ref reader))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("money"u8))
            {
                if (!reader.Read() || !TryReadMoney(ref reader, ref message.Paid))
                {
                    return false;
                }
            }
            else if (!Skip(ref reader))
            {
                return false;
            }
        }

        // Nobody's message needs no time and places nothing: a ticker a live capture wrote without one, or a marker
        // before the first message, neither refuses the file nor starts the stream's clock.
        announcement = message.NotChat;
        if (announcement)
        {
            return true;
        }

        double seconds;
        if (offset is { } given)
        {
            if (_clockTimed == true)
            {
                throw Error(ref reader, $"comment {_comments + 1} has a {offsetField} but the comments before it had only their time (a live capture): a file is one or the other");
            }

            (_clockTimed, seconds) = (false, given);
        }
        else if (stamped is { } utc && _clockTimed != false)
        {
            // chat-downloader recording a live stream writes each message's time and no offset: it is placed from the
            // stream's start, or from the first message for a new stream; messages before the start are left out.
            _clockTimed = true;
            offsetField = "timestamp";
            var since = _clock.SecondsSince(utc);
            if (since > MaxOffsetSeconds)
            {
                throw Error(ref reader, $"comment {_comments + 1}: {_clock.TooLate(StreamClock.Show(utc), since.Value)}");
            }

            seconds = since ?? -1;
        }
        else
        {
            throw Error(ref reader, $"comment {_comments + 1} has no content_offset_seconds (TwitchDownloader), time_in_seconds (chat-downloader's replay) or timestamp (its live capture): not a chat log of a stream");
        }

        // Below zero is chat from before the video begins, left out below: a YouTube stream's waiting room in
        // chat-downloader, and on Twitch a line sent just before the recording started (real VOD chat has them, some
        // minutes early). Beyond the bounds either way it is no time in a stream.
        if (Math.Abs(seconds) > MaxOffsetSeconds)
        {
            throw Error(ref reader, $"comment {_comments + 1}: {offsetField} {seconds.ToString(CultureInfo.InvariantCulture)} is outside -{MaxOffsetSeconds:0}..{MaxOffsetSeconds:0} s");
        }

        // A comment before a cropped download's start, or before the stream began, is before its video: it is read, then left out.
        seconds -= _cropStart;
        var name = author.DisplayName ?? author.Login ?? "(unknown)";
        if (seconds >= 0)
        {
            _metadata?.Comment(seconds, createdAt, vodId, message.ByBroadcaster || author.ByBroadcaster ? author.DisplayName ?? author.Login : null);
        }
        var notice = Notice(author, message);
        record = new ChatRecord(
            seconds,
            author.Key,
            author.Id,
            _mode == ChatReadMode.Full ? name : "",
            _mode == ChatReadMode.Full ? message.Body ?? "" : "",
            message.Emoticons ?? message.EmoteFragments,
            message.Bits,
            notice) { Shape = message.Shape, FromBot = author.IsBot };
        return true;
    }

    /// <summary>Counts a comment from before the video (read, then left out).</summary>
    private bool BeforeVideo(double seconds)
    {
        if (seconds >= 0)
        {
            return false;
        }

        _beforeVideo++;
        return true;
    }

    /// <summary>
    /// TwitchDownloader repeats comments where the pieces it fetched overlap: the repeat has the same id, author and
    /// offset (within <see cref="RepeatToleranceSeconds"/>: its offsets' fractions are estimated per piece) and is
    /// stored once. The author and time are checked too because an id is only as unique as whatever wrote the file: a
    /// converter that writes one id ("", "0") for every line lost all but a line per id window. Ids are remembered for
    /// <see cref="RepeatWindowSeconds"/> of stream time behind the latest offset, so memory stays small whatever the
    /// chat's length.
    /// </summary>
    private bool IsRepeat(ulong? id, ulong author, double offset)
    {
        if (id is not { } key)
        {
            return false;
        }

        ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(_recentIds, key, out var known);
        if (known && seen.Author == author && Math.Abs(seen.At - offset) <= RepeatToleranceSeconds)
        {
            return true;
        }

        seen = (offset, author);
        if (offset > _prunedAt + RepeatWindowSeconds)
        {
            foreach (var (old, (at, _)) in _recentIds)
            {
                if (at < offset - RepeatWindowSeconds)
                {
                    _recentIds.Remove(old);
                }
            }

            _prunedAt = offset;
        }

        return false;
    }

    /// <summary>The author's name for a notice; in Signals mode decoded from the buffer only now that it is needed.</summary>
    private string NameOf(in Author author) =>
        author.DisplayName ?? author.Login
        ?? (author.LoginLength > 0 ? Strings.Truncate(System.Text.Encoding.UTF8.GetString(_buffer, author.LoginAt, author.LoginLength), 100) : "(unknown)");

    private ChatNotice? Notice(in Author author, in Message message)
    {
        if (message.Params.MsgId is not null && ChatNotices.FromParams(message.Params, NameOf(author)) is { } fromParams)
        {
            return fromParams;
        }

        if (author.IsSystem && message.Body is { } text && ChatNotices.FromSystemText(text) is { } fromText)
        {
            return fromText;
        }

        if (message.Paid.Item != YouTubeItem.None)
        {
            return ChatNotices.FromYouTube(message.Paid, NameOf(author));
        }

        return message.Bits > 0 ? ChatNotices.Cheer(message.Bits, NameOf(author)) : null;
    }

    private bool TryReadCommenter(ref Utf8JsonReader reader, ref Author author)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(ref reader, $"comment {_comments + 1}: \"commenter\" is not an object");
        }

        var keyFromId = false;
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            if (reader.ValueTextEquals("_id"u8) || reader.ValueTextEquals("id"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
                {
                    author.Key = Key(ref reader);
                    keyFromId = true;
                    author.Id = _mode == ChatReadMode.Full ? Strings.Truncate(Text(ref reader), 64) : null;
                }
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    author.IsSystem = !reader.ValueIsEscaped && ChatNotices.IsSystemAccount(reader.ValueSpan);
                    author.IsBot = !reader.ValueIsEscaped && !reader.HasValueSequence && ChatBots.Is(reader.ValueSpan);
                    if (!keyFromId)
                    {
                        author.Key = Key(ref reader);
                    }

                    if (_mode == ChatReadMode.Full || author.IsSystem || reader.ValueIsEscaped || reader.HasValueSequence)
                    {
                        author.Login = Strings.Truncate(reader.GetString()!, 100);
                    }
                    else
                    {
                        // Signals mode names only the senders of notices: remember where the name is, decode it if needed.
                        (author.LoginAt, author.LoginLength) = (_start + (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                    }
                }
            }
            else if (_metadata is { WantsBroadcaster: true } && reader.ValueTextEquals("badges"u8))
            {
                // chat-downloader keeps the badges with the author.
                if (!reader.Read() || !TryReadBroadcasterBadge(ref reader, out author.ByBroadcaster))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("display_name"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.String && _mode == ChatReadMode.Full)
                {
                    author.DisplayName = Strings.Truncate(reader.GetString()!, 100);
                }
            }
            else if (!Skip(ref reader))
            {
                return false;
            }
        }
    }

    private bool TryReadMessage(ref Utf8JsonReader reader, ref Message message, bool systemAuthor)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(ref reader, $"comment {_comments + 1}: \"message\" is not an object");
        }

        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            if (reader.ValueTextEquals("body"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    ReadBody(ref reader, ref message, systemAuthor);
                }
            }
            else if (reader.ValueTextEquals("bits_spent"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                message.Bits = (int)Math.Clamp(ReadNumber(ref reader, "bits_spent") ?? 0, 0, int.MaxValue);
            }
            else if (reader.ValueTextEquals("emoticons"u8))
            {
                if (!reader.Read() || !TryCountElements(ref reader, out var count))
                {
                    return false;
                }

                message.Emoticons = count;
            }
            else if (reader.ValueTextEquals("fragments"u8))
            {
                if (!reader.Read() || !TryCountEmoteFragments(ref reader, out var count))
                {
                    return false;
                }

                message.EmoteFragments = count;
            }
            else if (_metadata is { WantsBroadcaster: true } && reader.ValueTextEquals("user_badges"u8))
            {
                if (!reader.Read() || !TryReadBroadcasterBadge(ref reader, out message.ByBroadcaster))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("user_notice_params"u8))
            {
                if (!reader.Read() || !TryReadNoticeParams(ref reader, ref message.Params))
                {
                    return false;
                }
            }
            else if (!Skip(ref reader))
            {
                return false;
            }
        }
    }

    private void ReadBody(ref Utf8JsonReader reader, ref Message message, bool systemAuthor)
    {
        if (_mode == ChatReadMode.Full || systemAuthor || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            message.Body = reader.GetString();
            message.Shape = ChatTextShape.Of(message.Body);
        }
        else
        {
            // Signals mode: the shape straight from the buffer, no string per line.
            message.Shape = ChatTextShape.Of(reader.ValueSpan);
        }
    }

    /// <summary>The first whole number in a text (UTF-8 bytes or characters: digits are ASCII in both), if any.</summary>
    internal static int? FirstNumber<T>(ReadOnlySpan<T> text)
        where T : unmanaged, IBinaryInteger<T>
    {
        var (zero, nine) = (T.CreateTruncating('0'), T.CreateTruncating('9'));
        var at = text.IndexOfAnyInRange(zero, nine);
        if (at < 0)
        {
            return null;
        }

        var number = 0L;
        for (; at < text.Length && text[at] >= zero && text[at] <= nine && number <= int.MaxValue; at++)
        {
            number = (number * 10) + int.CreateTruncating(text[at] - zero);
        }

        return number <= int.MaxValue ? (int)number : null;
    }

    /// <summary>The comment's offset in its VOD: TwitchDownloader's and Twitch v5's name, or chat-downloader's.</summary>
    private static string? OffsetField(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("content_offset_seconds"u8) ? "content_offset_seconds"
        : reader.ValueTextEquals("time_in_seconds"u8) ? "time_in_seconds"
        : null;

    private static bool TryCountElements(ref Utf8JsonReader reader, out int count)
    {
        count = 0;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Skip(ref reader);
        }

        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            count++;
            if (!Skip(ref reader))
            {
                return false;
            }
        }
    }

    private static bool TryCountEmoteFragments(ref Utf8JsonReader reader, out int count)
    {
        count = 0;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Skip(ref reader);
        }

        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                if (!Skip(ref reader))
                {
                    return false;
                }

                continue;
            }

            while (true)
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                var isEmote = reader.ValueTextEquals("emoticon"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isEmote && reader.TokenType == JsonTokenType.StartObject)
                {
                    count++;
                }

                if (!Skip(ref reader))
                {
                    return false;
                }
            }
        }
    }

    /// <summary>
    /// Whether a comment's badges hold the broadcaster's: TwitchDownloader's <c>{"_id":"broadcaster"}</c>,
    /// chat-downloader's <c>{"name":"broadcaster"}</c> on Twitch and <c>{"icon_name":"owner"}</c> on YouTube.
    /// </summary>
    private static bool TryReadBroadcasterBadge(ref Utf8JsonReader reader, out bool broadcaster)
    {
        broadcaster = false;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Skip(ref reader);
        }

        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.CurrentDepth == depth && reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.CurrentDepth == depth + 2 && reader.TokenType == JsonTokenType.PropertyName)
            {
                var youTube = reader.ValueTextEquals("icon_name"u8);
                if (!youTube && !reader.ValueTextEquals("_id"u8) && !reader.ValueTextEquals("name"u8))
                {
                    continue;
                }

                if (!reader.Read())
                {
                    return false;
                }

                broadcaster |= reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(youTube ? "owner"u8 : "broadcaster"u8);
            }
        }

        return false;
    }

    /// <summary>
    /// chat-downloader's <c>message_type</c>s that are nobody's message, written when it is asked for every message
    /// group: YouTube's tickers (each repeating a paid message at the top of chat), banners, polls, mode changes, the
    /// "chat replay is on" line, placeholders and markers of deleted messages and bans, and a gift's redemptions (one
    /// per recipient, under the recipient's name: part of the purchase, which counts them); Twitch's room and user
    /// states, clears, deletions and server notices. Read as chat they would be lines by whoever they name (or by
    /// nobody) at moments nobody spoke.
    /// </summary>
    private static readonly FrozenSet<string> NotChatTypes = new[]
    {
        "ticker_paid_sticker_item", "ticker_paid_message_item", "ticker_sponsor_item", "banner", "banner_header",
        "banner_chat_summary", "viewer_engagement_message", "chat_ended", "mode_change_message", "slow_mode_message",
        "members_only_mode_message", "subscribers_only_mode_message", "emote_only_mode_message", "poll",
        "poll_closed_event", "deleted_message", "ban_user", "placeholder_item", "auto_mod_message",
        "restricted_participation", "sponsorships_header", "sponsorships_gift_redemption_announcement", "clear_chat",
        "delete_message", "room_state", "user_state", "successful_login", "host_target", "notice", "reconnect",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// chat-downloader's <c>message_type</c> of a Twitch notice (from a VOD or a live capture) as the msg-id it renames:
    /// subscription, resubscription, the gifts and raids; anything else is no notice.
    /// </summary>
    private static string? TwitchMsgId(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("subscription"u8) ? "sub"
        : reader.ValueTextEquals("resubscription"u8) ? "resub"
        : reader.ValueTextEquals("subscription_gift"u8) ? "subgift"
        : reader.ValueTextEquals("anonymous_subscription_gift"u8) ? "anonsubgift"
        : reader.ValueTextEquals("mystery_subscription_gift"u8) ? "submysterygift"
        : reader.ValueTextEquals("anonymous_mystery_subscription_gift"u8) ? "anonsubmysterygift"
        : reader.ValueTextEquals("raid"u8) ? "raid"
        : null;

    /// <summary>chat-downloader's names of a Twitch notice's parameters (msg-param-mass-gift-count, -viewerCount, -displayName, -sub-plan) and a cheer's bits.</summary>
    private static readonly byte[][] FlatNoticeFields =
        ["mass_gift_count"u8.ToArray(), "number_of_raiders"u8.ToArray(), "raider_display_name"u8.ToArray(), "subscription_type"u8.ToArray(), "bits"u8.ToArray()];

    private static void ReadFlatNoticeField(ref Utf8JsonReader reader, int field, ref Message message)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            return;
        }

        var value = Strings.Truncate(Text(ref reader), 100);
        switch (field)
        {
            case 0: message.Params.MassGiftCount = value; break;
            case 1: message.Params.ViewerCount = value; break;
            case 2: message.Params.RaiderName = value; break;
            // chat-downloader names the plan ("Tier 2", "Prime"); the notice reads Twitch's codes.
            case 3: message.Params.SubPlan = value switch { "Tier 2" => "2000", "Tier 3" => "3000", "Prime" => "Prime", _ => "1000" }; break;
            default: message.Bits = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : 0; break;
        }
    }

    private static readonly byte[][] NoticeFields =
        ["msg-id"u8.ToArray(), "msg-param-sub-plan"u8.ToArray(), "msg-param-mass-gift-count"u8.ToArray(), "msg-param-viewerCount"u8.ToArray(), "msg-param-displayName"u8.ToArray()];

    /// <summary>chat-downloader's <c>money</c> of a Super Chat or Super Sticker: <c>{"amount":5.0,"currency":"USD","text":"$5.00"}</c>.</summary>
    private static readonly byte[][] MoneyFields = ["amount"u8.ToArray(), "currency"u8.ToArray(), "text"u8.ToArray()];

    private delegate void FieldReader<T>(ref T target, int field, ref Utf8JsonReader reader);

    private static bool TryReadNoticeParams(ref Utf8JsonReader reader, ref NoticeParams p) =>
        TryReadFields(ref reader, NoticeFields, ref p, static (ref NoticeParams p, int field, ref Utf8JsonReader reader) =>
        {
            var value = Strings.Truncate(Text(ref reader), 100);
            switch (field)
            {
                case 0: p.MsgId = value; break;
                case 1: p.SubPlan = value; break;
                case 2: p.MassGiftCount = value; break;
                case 3: p.ViewerCount = value; break;
                default: p.RaiderName = value; break;
            }
        });

    private static bool TryReadMoney(ref Utf8JsonReader reader, ref YouTubePaid paid) =>
        TryReadFields(ref reader, MoneyFields, ref paid, static (ref YouTubePaid paid, int field, ref Utf8JsonReader reader) =>
        {
            if (field == 0)
            {
                paid.Amount = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var amount) && double.IsFinite(amount) && amount > 0 ? amount : null;
            }
            else if (reader.TokenType == JsonTokenType.String)
            {
                var value = Strings.Truncate(reader.GetString()!, 40);
                (paid.Currency, paid.Text) = field == 1 ? (value, paid.Text) : (paid.Currency, value);
            }
        });

    /// <summary>Which of <paramref name="names"/> the property at the reader is, or -1.</summary>
    private static int FieldIndex(ref Utf8JsonReader reader, byte[][] names)
    {
        var field = names.Length - 1;
        while (field >= 0 && !reader.ValueTextEquals(names[field]))
        {
            field--;
        }

        return field;
    }

    /// <summary>Hands each of an object's <paramref name="names"/> whose value is a string or number to <paramref name="read"/>; the rest is skipped.</summary>
    private static bool TryReadFields<T>(ref Utf8JsonReader reader, byte[][] names, ref T target, FieldReader<T> read)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Skip(ref reader);
        }

        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            var field = FieldIndex(ref reader, names);
            if (!reader.Read())
            {
                return false;
            }

            if (field < 0 || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
            {
                if (!Skip(ref reader))
                {
                    return false;
                }

                continue;
            }

            read(ref target, field, ref reader);
        }
    }

    /// <summary>
    /// Skips the current value (or, on a property name, its value). Unlike TrySkip it keeps no copy of the reader to
    /// restore: a comment cut by the buffer's end is re-read from its checkpoint anyway, and the copy was the parser's
    /// largest cost.
    /// </summary>
    private static bool Skip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.PropertyName && !reader.Read())
        {
            return false;
        }

        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A number, or a number written as a string (older exports do that); null for JSON null.</summary>
    private double? ReadNumber(ref Utf8JsonReader reader, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when TryParseShortDecimal(reader.ValueSpan, out var exact):
                return exact;
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                return number;
            case JsonTokenType.String when !reader.ValueIsEscaped
                && double.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed):
                return parsed;
            case JsonTokenType.Null:
                return null;
            default:
                throw Error(ref reader, $"comment {_comments + 1}: {field} is not a number");
        }
    }

    /// <summary>
    /// Offsets like 1234.567 without the general parser (a noticeable share of reading chat): up to 15 digits, so the
    /// digits and the power of ten are exact doubles and their quotient is the correctly rounded value, the same double
    /// the general parser returns. Anything else (an exponent, more digits) is left to it.
    /// </summary>
    internal static bool TryParseShortDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var negative = !text.IsEmpty && text[0] == (byte)'-';
        ulong digits = 0;
        var count = 0;
        var decimals = -1;
        for (var i = negative ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.' && decimals < 0)
            {
                decimals = 0;
                continue;
            }

            if (c - (uint)'0' > 9 || ++count > 15)
            {
                return false;
            }

            digits = digits * 10 + (c - (uint)'0');
            decimals += decimals >= 0 ? 1 : 0;
        }

        value = (double)digits / PowersOfTen[Math.Max(decimals, 0)];
        value = negative ? -value : value;
        return count > 0;
    }

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    private static ulong Key(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return AuthorKeys.Of(reader.ValueSpan);
        }

        return AuthorKeys.Of(Text(ref reader));
    }

    private static string Text(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);


    private IngestException Error(ref Utf8JsonReader reader, string problem) =>
        new(_name, problem, byteOffset: _absolute + _start + reader.TokenStartIndex);

    /// <summary>
    /// System.Text.Json appends its own position; ours (line and byte offset) replaces it. JSON that stops short at the
    /// end of the file is said to be cut off: the usual cause is a download or copy that did not finish, which the
    /// reader's own words ("reached end of data") leave the editor to guess.
    /// </summary>
    private string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var problem = "invalid JSON: " + (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
        var endsShort = _final && (message.Contains("end of data", StringComparison.Ordinal) || message.Contains("at the end of the JSON payload", StringComparison.Ordinal));
        return endsShort ? $"the file ends in the middle of the chat (cut off while downloading or copying?): {problem}" : problem;
    }

    private struct Author
    {
        public ulong Key;
        public string? Id;
        public string? Login;
        public int LoginAt;
        public int LoginLength;
        public string? DisplayName;
        public bool IsSystem;
        public bool IsBot;
        public bool ByBroadcaster;
    }

    private struct Message
    {
        public string? Body;
        public int Bits;
        public int? Emoticons;
        public int EmoteFragments;
        public NoticeParams Params;
        public YouTubePaid Paid;
        public ChatTextShape Shape;
        public bool ByBroadcaster;

        /// <summary>A chat-downloader item that is no one's message (<see cref="NotChatTypes"/>).</summary>
        public bool NotChat;
    }
}
