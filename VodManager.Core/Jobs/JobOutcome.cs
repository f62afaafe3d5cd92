namespace VodManager.Core.Jobs;

public sealed record JobOutcome(bool Succeeded, string? Error);
