using VodManager.Core.Cutting;

namespace VodManager.Core.Editing;

/// <summary>Where a highlight's cut stands, with its clip when there is one: what the cut verbs print.</summary>
public sealed record HighlightCutRow(int Id, ClipStatus ClipStatus, string? ClipError, HighlightClipRow? Clip);
