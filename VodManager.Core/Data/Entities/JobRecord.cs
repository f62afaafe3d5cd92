using VodManager.Core.Jobs;

namespace VodManager.Core.Data.Entities;

/// <summary>What a background job is doing, for the editor and for operators; Queued → Running → Succeeded/Failed/Cancelled.</summary>
public sealed class JobRecord
{
    public Guid Id { get; set; }
    public int AccountId { get; set; }
    public int? StreamId { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public JobStatus Status { get; set; }
    public string? Stage { get; set; }
    public double Percent { get; set; }
    public string? Message { get; set; }
    public string? Error { get; set; }
    public string? RequestedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>
    /// The node that runs it (<see cref="Nodes.LocalNode.Id"/>), set when it starts: a job the CLI runs in its own
    /// process is in no scheduler's store, so only this and the node's lease say whether it still runs.
    /// </summary>
    public string? NodeId { get; set; }

    /// <summary>When an editor asked to cancel it; the node running it (any node) sees this and stops the job.</summary>
    public DateTime? CancelRequestedAt { get; set; }
}
