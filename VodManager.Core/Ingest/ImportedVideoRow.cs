namespace VodManager.Core.Ingest;

/// <summary>One of a stream's stored imported videos as the import panel lists it.</summary>
/// <param name="BrowserCopyBytes">The size of its browser copy, which goes with it; null when it has none.</param>
public sealed record ImportedVideoRow(
    int Id,
    string Title,
    ImportedVideoKind Kind,
    double? DurationSeconds,
    long SizeBytes,
    string? VideoCodec,
    string? AudioCodec,
    long? BrowserCopyBytes = null);
