namespace VodManager.Core.Streams;

/// <summary>What a stream's files say about it; each part is null when no file said it.</summary>
public sealed record StreamMetadata(string? Title, string? Channel, DateTime? StartedAt, double? DurationSeconds)
{
    public static readonly StreamMetadata Empty = new(null, null, null, null);

    /// <summary>This, with the gaps filled from <paramref name="other"/>.</summary>
    public StreamMetadata Or(StreamMetadata other) =>
        new(Title ?? other.Title, Channel ?? other.Channel, StartedAt ?? other.StartedAt, DurationSeconds ?? other.DurationSeconds);
}
