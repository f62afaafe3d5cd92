namespace VodManager.Core.Jobs;

/// <summary>A job run inline (CLI) failed; carries the job's own reason.</summary>
public sealed class JobFailedException(string job, string reason) : Exception($"{job} failed: {reason}");
