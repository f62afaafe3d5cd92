using VodManager.Core.Streams;

namespace VodManager.Core.Data.Entities;

public sealed class StreamEvent
{
    public long Id { get; set; }
    public int StreamId { get; set; }
    public LiveStream? Stream { get; set; }

    /// <summary>The import that stored the row (the chat import for chat notices); only current imports are visible.</summary>
    public long ImportId { get; set; }
    public StreamEventType Type { get; set; }
    public double OffsetSeconds { get; set; }

    /// <summary>Raid viewers, gifted subs, cheer bits, hype train level, sub tier, 1 for a redemption.</summary>
    public double Magnitude { get; set; }
    public string? Detail { get; set; }
    public StreamEventSource Source { get; set; }
}
