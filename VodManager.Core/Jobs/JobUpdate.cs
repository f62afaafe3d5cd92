using VodManager.Core.Data.Entities;

namespace VodManager.Core.Jobs;

/// <summary>One message on the progress bus: a job's identity, its state and its latest progress.</summary>
public sealed record JobUpdate(
    Guid JobId,
    int AccountId,
    int? StreamId,
    string Kind,
    string Title,
    JobStatus Status,
    string? Stage,
    double Percent,
    TimeSpan? Eta,
    string? Message,
    string? Error,
    DateTime At)
{
    /// <summary>
    /// Orders a job's updates on every node: a receiver drops one not above the last it delivered for the job. Set by
    /// the bus on publish from the publishing node's clock, so a job recovered on another node continues above it.
    /// </summary>
    public long Sequence { get; init; }

    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;

    public static JobUpdate From(JobRecord r, TimeSpan? eta, DateTime at) =>
        new(r.Id, r.AccountId, r.StreamId, r.Kind, r.Title, r.Status, r.Stage, r.Percent, eta, r.Message, r.Error, at);
}
