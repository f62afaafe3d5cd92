using VodManager.Core.Events;

namespace VodManager.Core.Detection;

/// <summary>An editor trimmed, dismissed or restored highlights of a stream: its channel has a decision more (or fewer).</summary>
public sealed record HighlightDecidedEvent(int AccountId, int StreamId) : IDomainEvent;
