using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VodManager.Core.Ingest;

namespace VodManager.Core.Streams;

/// <summary>
/// Reads what a TwitchDownloader chat JSON says about its broadcast: <c>video.title</c>, <c>video.created_at</c>,
/// <c>video.start</c>/<c>end</c>/<c>length</c> and <c>streamer.name</c>. A bare array of comments (Twitch's v5 API
/// shape) has no header, so the comments stand in: the broadcaster-badged author names the channel, the first comment's
/// wall clock minus its offset gives the start, the last offset the length, the VOD id the title. One streaming pass
/// over a refilled buffer, so a chat of any size is read in constant memory; a plain-text log says nothing.
/// </summary>
public sealed class ChatMetadataReader(IOptions<IngestOptions> options)
{
    private const int InitialBuffer = 1 << 16;

    public async Task<StreamMetadata> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        await using var input = await IngestInput.OpenAsync(path, limits, cancellationToken);
        var scan = new Scan();
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = limits.MaxJsonDepth, CommentHandling = JsonCommentHandling.Skip });
        var buffer = new byte[InitialBuffer];
        var length = 0;
        var final = false;
        var first = true;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= limits.MaxJsonValueBytes)
                {
                    throw new IngestException(input.Name, $"a single JSON value is larger than {ByteSize.Format(limits.MaxJsonValueBytes)} (Ingest:MaxJsonValueBytes)");
                }

                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, limits.MaxJsonValueBytes));
            }

            var read = await input.Content.ReadAsync(buffer.AsMemory(length), cancellationToken);
            length += read;
            final = read == 0;
            if (first && !LooksLikeJson(buffer.AsSpan(0, length)))
            {
                return StreamMetadata.Empty;
            }

            first = false;
            var consumed = Advance(buffer.AsSpan(0, length), final, ref state, scan, input.Name);
            buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
            length -= consumed;
            if (final)
            {
                return scan.Result();
            }
        }
    }

    private static int Advance(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, Scan scan, string name)
    {
        var reader = new Utf8JsonReader(data, final, state);
        try
        {
            while (reader.Read())
            {
                scan.Token(ref reader);
            }
        }
        catch (JsonException e)
        {
            throw new IngestException(name, $"not valid JSON ({e.Message})", inner: e);
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> head)
    {
        var text = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
        var at = text.IndexOfAnyExcept(" \t\r\n"u8);
        return at < 0 || text[at] is (byte)'{' or (byte)'[' && !(text[at] == (byte)'[' && at + 1 < text.Length && char.IsAsciiDigit((char)text[at + 1]));
    }

    /// <summary>Follows where the reader is (the names of the open containers) and keeps the values worth having.</summary>
    private sealed class Scan
    {
        // One entry per open container: its property name, "[]" for an array's element, "$" for the root.
        private readonly List<string> _path = [];
        private readonly List<bool> _isArray = [];
        private string? _property;

        private string? _title;
        private string? _streamer;
        private DateTime? _createdAt;
        private double? _start;
        private double? _end;
        private double? _length;

        private string? _broadcaster;
        private string? _vodId;
        private DateTime? _firstCommentAt;
        private double? _lastOffset;

        private DateTime? _commentAt;
        private double? _commentOffset;
        private string? _commenter;
        private bool _commentByBroadcaster;

        public void Token(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    _property = reader.GetString();
                    return;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    _path.Add(_path.Count == 0 ? "$" : _isArray[^1] ? "[]" : _property ?? "?");
                    _isArray.Add(reader.TokenType == JsonTokenType.StartArray);
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    if (CommentDepth is { } depth && _path.Count == depth)
                    {
                        EndComment();
                    }

                    _path.RemoveAt(_path.Count - 1);
                    _isArray.RemoveAt(_isArray.Count - 1);
                    break;
                case JsonTokenType.String:
                case JsonTokenType.Number:
                    Value(ref reader);
                    break;
            }

            _property = null;
        }

        /// <summary>How many containers are open inside a comment object: 2 in a root array, 3 in TwitchDownloader's object; null elsewhere.</summary>
        private int? CommentDepth =>
            _path.Count >= 2 && _isArray[0] ? 2
            : _path.Count >= 3 && _path[1] == "comments" && _isArray[1] ? 3
            : null;

        /// <summary>True when the open containers below the root are exactly <paramref name="names"/>; "comment" stands for a comment object in either shape.</summary>
        private bool At(params string[] names)
        {
            var (depth, rest) = names[0] == "comment" ? (CommentDepth, names[1..]) : (1, names);
            return depth is { } d && _path.Count == d + rest.Length && rest.Select((name, i) => _path[d + i] == name).All(match => match);
        }

        private void Value(ref Utf8JsonReader reader)
        {
            if (!_isArray[0] && At("video"))
            {
                switch (_property)
                {
                    case "title": _title = reader.GetString(); break;
                    case "created_at": _createdAt = Time(ref reader); break;
                    case "start": _start = Number(ref reader); break;
                    case "end": _end = Number(ref reader); break;
                    case "length": _length = Number(ref reader); break;
                }
            }
            else if (!_isArray[0] && At("streamer") && _property == "name")
            {
                _streamer = reader.GetString();
            }
            else if (At("comment"))
            {
                switch (_property)
                {
                    case "content_offset_seconds": _commentOffset = Number(ref reader); break;
                    case "created_at": _commentAt = Time(ref reader); break;
                    case "content_id": _vodId ??= Text(ref reader); break;
                }
            }
            else if (At("comment", "commenter") && _property is "display_name" or "name")
            {
                // The display name wins: it is how the channel shows itself.
                _commenter = _property == "display_name" || _commenter is null ? reader.GetString() : _commenter;
            }
            else if (At("comment", "message", "user_badges", "[]") && _property == "_id" && reader.ValueTextEquals("broadcaster"u8))
            {
                _commentByBroadcaster = true;
            }
        }

        private void EndComment()
        {
            if (_commentOffset is { } offset)
            {
                _lastOffset = Math.Max(_lastOffset ?? 0, offset);
                if (_firstCommentAt is null && _commentAt is { } at)
                {
                    _firstCommentAt = at.AddSeconds(-offset);
                }
            }

            if (_commentByBroadcaster && _broadcaster is null)
            {
                _broadcaster = _commenter;
            }

            (_commentAt, _commentOffset, _commenter, _commentByBroadcaster) = (null, null, null, false);
        }

        public StreamMetadata Result()
        {
            var length = _end is { } end && end > (_start ?? 0) ? end - (_start ?? 0) : _length;
            var title = !string.IsNullOrWhiteSpace(_title) ? _title
                : _vodId is not null ? $"VOD {_vodId}"
                : null;
            var channel = !string.IsNullOrWhiteSpace(_streamer) ? _streamer : _broadcaster;
            var started = _createdAt ?? _firstCommentAt;
            return new StreamMetadata(title?.Trim(), channel?.Trim(), started, length is > 0 ? length : _lastOffset is > 0 ? Math.Ceiling(_lastOffset.Value) : null);
        }

        private static double? Number(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Number ? reader.GetDouble()
            : double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : null;

        private static string? Text(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Number ? reader.GetDouble().ToString(CultureInfo.InvariantCulture) : reader.GetString();

        private static DateTime? Time(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.UtcDateTime
                : null;
    }
}
