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
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
}
