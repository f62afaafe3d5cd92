using VodManager.Core.Cutting;

namespace VodManager.Core.Editing;

/// <summary>A highlight's clip: its VOD, how it was cut, the source span it covers and its size.</summary>
public sealed record HighlightClipRow(int VodId, CutMode? CutMode, double? SourceStartSeconds, double? SourceEndSeconds, long SizeBytes);
