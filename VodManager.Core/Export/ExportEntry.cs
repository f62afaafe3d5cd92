namespace VodManager.Core.Export;

/// <summary>One stored export, listed with its clip.</summary>
public sealed record ExportEntry(
    int VodId,
    int ClipVodId,
    string Title,
    string Profile,
    string Framing,
    bool Chat,
    bool Captioned,
    int? Width,
    int? Height,
    double? DurationSeconds,
    long SizeBytes,
    string StorageKey);
