
namespace VodManager.Core.Library;

/// <summary>One stored clip in the clips library, with where it came from.</summary>
public sealed record ClipEntry(
    int VodId,
    string Title,
    VodProvenance? Provenance,
    int? StreamId,
    string? StreamTitle,
    int? HighlightId,
    int? HighlightRank,
    long SizeBytes,
    double? DurationSeconds,
    double? SourceStartSeconds,
    double? SourceEndSeconds,
    DateTime CreatedAt,
    string StorageKey);
