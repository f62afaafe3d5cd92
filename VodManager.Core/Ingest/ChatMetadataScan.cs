using System.Globalization;
using System.Text.Json;
using VodManager.Core.Streams;

namespace VodManager.Core.Ingest;

/// <summary>
/// What a TwitchDownloader chat JSON says about its broadcast, gathered by <see cref="TwitchChatJsonParser"/> on its
/// one pass: <c>video.title</c>, <c>video.created_at</c>, <c>video.start</c>/<c>end</c>/<c>length</c> and
/// <c>streamer.name</c>. A bare array of comments (Twitch's v5 API shape) has no header, so the comments stand in: the
/// broadcaster-badged author names the channel, the first comment's wall clock minus its offset gives the start, the
/// last offset the length, the VOD id the title. A plain-text log says nothing.
/// </summary>
internal sealed class ChatMetadataScan
{
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

    /// <summary>The parser reads the first comment's wall clock only until one has given the start.</summary>
    public bool WantsCommentTime => _firstCommentAt is null;

    /// <summary>The parser reads comments' VOD id only until one has given it.</summary>
    public bool WantsVodId => _vodId is null;

    /// <summary>The parser reads comments' badges only until the broadcaster has spoken.</summary>
    public bool WantsBroadcaster => _broadcaster is null;

    /// <summary>A string or number directly inside the root's <c>video</c> or <c>streamer</c> object.</summary>
    public void Header(string header, string property, ref Utf8JsonReader reader)
    {
        switch (header, property)
        {
            case ("video", "title"): _title = reader.TokenType == JsonTokenType.String ? reader.GetString() : _title; break;
            case ("video", "created_at"): _createdAt = Time(ref reader); break;
            case ("video", "start"): _start = Number(ref reader); break;
            case ("video", "end"): _end = Number(ref reader); break;
            case ("video", "length"): _length = Number(ref reader); break;
            case ("streamer", "name"): _streamer = reader.TokenType == JsonTokenType.String ? reader.GetString() : _streamer; break;
        }
    }

    /// <param name="createdAt">Its wall clock, when <see cref="WantsCommentTime"/> and it has one.</param>
    /// <param name="vodId">Its <c>content_id</c>, when <see cref="WantsVodId"/> and it has one.</param>
    /// <param name="broadcaster">Its author's name when the author wears the broadcaster badge.</param>
    public void Comment(double offset, DateTime? createdAt, string? vodId, string? broadcaster)
    {
        _lastOffset = Math.Max(_lastOffset ?? 0, offset);
        _firstCommentAt ??= createdAt?.AddSeconds(-offset);
        _vodId ??= vodId;
        _broadcaster ??= broadcaster;
    }

    public StreamMetadata Result()
    {
        var length = _end is { } end && end > (_start ?? 0) ? end - (_start ?? 0) : _length;
        var title = !string.IsNullOrWhiteSpace(_title) ? _title
            : _vodId is not null ? $"VOD {_vodId}"
            : null;
        var channel = !string.IsNullOrWhiteSpace(_streamer) ? _streamer : _broadcaster;
        // A cropped download's video starts video.start into the broadcast; comment offsets already count from there.
        var started = _createdAt?.AddSeconds(_start ?? 0) ?? _firstCommentAt;
        return new StreamMetadata(title?.Trim(), channel?.Trim(), started, length is > 0 ? length : _lastOffset is > 0 ? Math.Ceiling(_lastOffset.Value) : null);
    }

    public static string? Text(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetDouble().ToString(CultureInfo.InvariantCulture)
        : reader.TokenType == JsonTokenType.String ? reader.GetString()
        : null;

    public static DateTime? Time(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
        && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime
            : null;

    public static double? Number(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetDouble()
        : reader.TokenType == JsonTokenType.String && double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;
}
