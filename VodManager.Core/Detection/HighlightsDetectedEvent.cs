using VodManager.Core.Events;

namespace VodManager.Core.Detection;

/// <summary>Detection stored a stream's highlights (raised after the save, outside the transaction).</summary>
public sealed record HighlightsDetectedEvent(int AccountId, int StreamId, int Detected) : IDomainEvent;
