namespace VodManager.Core.Streams;

/// <summary>What an editor types about a stream: its title, channel, when it started and (if known) how long it ran.</summary>
/// <param name="StartAssumed">Nobody gave the start: <paramref name="StartedAt"/> is the moment the stream is made, and the first file that says when the broadcast began replaces it.</param>
public sealed record StreamDetails(string Title, string Channel, DateTime StartedAt, double? DurationSeconds, bool StartAssumed = false)
{
    public const int MaxTitleLength = 300;
    public const int MaxChannelLength = 100;

    /// <summary>A stream made at <paramref name="now"/>: without a given start it starts then, assumed until a file says when.</summary>
    public static StreamDetails Made(string title, string channel, DateTime? startedAt, double? durationSeconds, DateTime now) =>
        new(title, channel, startedAt ?? now, durationSeconds, StartAssumed: startedAt is null);

    /// <summary>The details trimmed and checked; a missing or oversized field is refused by name.</summary>
    public StreamDetails Checked()
    {
        var title = Title?.Trim() ?? "";
        var channel = Channel?.Trim() ?? "";
        if (title.Length == 0)
        {
            throw new StreamException("A stream needs a title.");
        }

        if (title.Length > MaxTitleLength)
        {
            throw new StreamException($"The title is {title.Length} characters; at most {MaxTitleLength} fit.");
        }

        if (channel.Length == 0)
        {
            throw new StreamException("A stream needs a channel.");
        }

        if (channel.Length > MaxChannelLength)
        {
            throw new StreamException($"The channel is {channel.Length} characters; at most {MaxChannelLength} fit.");
        }

        if (DurationSeconds is { } seconds && !(seconds >= 0 && double.IsFinite(seconds)))
        {
            throw new StreamException("The length must be zero or more seconds.");
        }

        return new StreamDetails(title, channel, DateTime.SpecifyKind(StartedAt, DateTimeKind.Utc), DurationSeconds, StartAssumed);
    }
}
