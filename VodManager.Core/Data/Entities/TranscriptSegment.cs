namespace VodManager.Core.Data.Entities;

public sealed class TranscriptSegment
{
    public long Id { get; set; }
    public int StreamId { get; set; }
    public double StartSeconds { get; set; }
    public double EndSeconds { get; set; }
    public required string Text { get; set; }
}
