namespace VodManager.Core.Ingest;

/// <summary>Where an imported video goes.</summary>
/// <param name="Title">Shown in lists; the file name when null.</param>
public sealed record VideoImportTarget(int AccountId, int StreamId, ImportedVideoKind Kind = ImportedVideoKind.Archive, string? Title = null);
