namespace VodManager.Core.Jobs;

/// <summary>
/// A unit of background work, as data. Each feature declares its own request record and runs it in its own service
/// (an <see cref="IJobHandler{TRequest}"/>); the web host's one Quartz job carries any of them. Requests are serialized
/// into the persistent job store under their <see cref="Kind"/>, so keep them small.
/// </summary>
public abstract record JobRequest
{
    public required int AccountId { get; init; }
    public int? StreamId { get; init; }

    /// <summary>Who asked: an editor's name, "system" for automatic runs, "cli" for the operator.</summary>
    public string RequestedBy { get; init; } = "system";

    /// <summary>A short kind name shown in the job list ("detect", "cut").</summary>
    public abstract string Kind { get; }

    /// <summary>What the job list says this job is doing; the list names its stream beside it, so the title does not.</summary>
    public abstract string Describe();
}
