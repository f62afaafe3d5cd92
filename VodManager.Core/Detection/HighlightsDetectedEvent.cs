using VodManager.Core.Events;

namespace VodManager.Core.Detection;

/// <summary>Detection stored a stream's highlights (raised after the save, outside the transaction).</summary>
/// <param name="VideoFollows">A new stream's data was detected while its video is on its way.</param>
public sealed record HighlightsDetectedEvent(int AccountId, int StreamId, int Detected, bool VideoFollows) : IDomainEvent;
