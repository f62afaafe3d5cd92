namespace VodManager.Core.Events;

/// <summary>Something that happened in the domain that other features may react to (in process, after it is saved).</summary>
public interface IDomainEvent;
