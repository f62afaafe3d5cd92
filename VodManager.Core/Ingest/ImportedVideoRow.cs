namespace VodManager.Core.Ingest;

/// <summary>One of a stream's stored imported videos as the import panel lists it.</summary>
public sealed record ImportedVideoRow(
    int Id,
    string Title,
    ImportedVideoKind Kind,
    double? DurationSeconds,
    long SizeBytes,
    string? VideoCodec,
    string? AudioCodec);
