using VodManager.Core.Library;

namespace VodManager.Core.Events;

/// <summary>A VOD was stored and is now visible: a stream's archive, or a clip cut from it.</summary>
public sealed record VodArchivedEvent(int VodId, int AccountId, int? StreamId, VodType Type, VodProvenance? Provenance, string Title) : IDomainEvent;
