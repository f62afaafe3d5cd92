namespace VodManager.Core.Data.Entities;

public sealed class TranscriptSegment
{
    public long Id { get; set; }
    public int StreamId { get; set; }
    public LiveStream? Stream { get; set; }

    /// <summary>The import that stored the row; only the stream's current transcript import is visible.</summary>
    public long ImportId { get; set; }
    public double StartSeconds { get; set; }
    public double EndSeconds { get; set; }
    public required string Text { get; set; }
}
