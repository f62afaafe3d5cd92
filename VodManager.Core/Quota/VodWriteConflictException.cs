namespace VodManager.Core.Quota;

/// <summary>Another writer created the same external id at the same moment; the unique constraint kept it to one row.</summary>
public sealed class VodWriteConflictException(string externalId, Exception inner)
    : Exception($"Another job is already writing '{externalId}'.", inner);
