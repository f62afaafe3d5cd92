namespace VodManager.Core.Jobs;

/// <param name="JobId">The id progress is reported under.</param>
/// <param name="Recovering">True when the job re-runs after the process died mid-run; the work must be idempotent.</param>
/// <param name="Progress">Where the handler reports stage, percent and message.</param>
public sealed record JobContext(Guid JobId, bool Recovering, IProgress<JobProgress> Progress);
