namespace VodManager.Core.Data.Entities;

public sealed class ChatMessage
{
    public long Id { get; set; }
    public int StreamId { get; set; }
    public LiveStream? Stream { get; set; }

    /// <summary>The import that stored the row; only the stream's current chat import is visible.</summary>
    public long ImportId { get; set; }

    /// <summary>Seconds from the start of the stream.</summary>
    public double OffsetSeconds { get; set; }
    public string? AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public required string Text { get; set; }
    public int EmoteCount { get; set; }
    public int Bits { get; set; }
}
