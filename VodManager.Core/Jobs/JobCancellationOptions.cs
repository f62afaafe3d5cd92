using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Jobs;

/// <summary>
/// The part of the "Jobs" section Core reads (the scheduler's settings are the web host's): how quickly a running job
/// notices that it was cancelled from another node.
/// </summary>
public sealed class JobCancellationOptions
{
    public const string Section = "Jobs";

    /// <summary>How often a running job reads its cancel request from the job table.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CancelCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
