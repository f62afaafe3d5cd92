using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// The rows and requests tests build by hand, in one place (eShop's Builders.cs): a change to an entity or a
/// reservation is made here, not in every test that needs one.
/// </summary>
public static class Builders
{
    /// <summary>A detected highlight of a stream, as detection stores it; tests change what they need after.</summary>
    public static Highlight Highlight(int accountId, int streamId, int rank, double start, double end, double score = 1, SignalBreakdown? signals = null) =>
        new()
        {
            AccountId = accountId, StreamId = streamId, Rank = rank, DetectedStart = start, DetectedEnd = end, Score = score,
            Signals = signals ?? new SignalBreakdown(), CreatedAt = DateTime.UtcNow,
        };

    /// <summary>The reservation the cutter makes for a highlight's clip (its external id and storage key).</summary>
    public static VodReservation ClipReservation(int accountId, int? streamId, int highlightId, long bytes, string? title = null, IReadOnlyCollection<int>? protect = null) =>
        new(accountId, streamId, VodType.Highlight, VodProvenance.AutoClip, StorageKeys.ClipName(highlightId), title ?? $"Clip {highlightId}",
            StorageKeys.Clip(accountId, highlightId), bytes, highlightId, protect);

    /// <summary>The reservation an export makes under <paramref name="externalId"/>.</summary>
    public static VodReservation ExportReservation(int accountId, int? streamId, string externalId, long bytes, string title = "export", IReadOnlyCollection<int>? protect = null) =>
        new(accountId, streamId, VodType.Export, null, externalId, title, StorageKeys.Export(accountId, externalId), bytes, ProtectedVodIds: protect);

    /// <summary>A job's record as the tracker leaves it: started on <paramref name="nodeId"/> unless still queued.</summary>
    public static JobRecord Job(int accountId, int? streamId, string kind, JobStatus status, string? nodeId, DateTime? createdAt = null, Guid? id = null)
    {
        var created = createdAt ?? DateTime.UtcNow;
        return new JobRecord
        {
            Id = id ?? Guid.NewGuid(), AccountId = accountId, StreamId = streamId, Kind = kind, Title = kind, Status = status, NodeId = nodeId,
            CreatedAt = created, StartedAt = status == JobStatus.Queued ? null : created,
        };
    }
}
