namespace VodManager.Core.Jobs;

/// <summary>What a Core service reports while it works; the job layer adds identity and an ETA.</summary>
/// <param name="Stage">A short name for the current step ("uploading", "cutting 3 of 10").</param>
/// <param name="Percent">0..100 over the whole job.</param>
public sealed record JobProgress(string Stage, double Percent, string? Message = null);
