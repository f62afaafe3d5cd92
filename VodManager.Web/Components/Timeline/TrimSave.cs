namespace VodManager.Web.Components.Timeline;

/// <summary>The editor asked to save a highlight's trim.</summary>
public sealed record TrimSave(int HighlightId, TrimRange Range);
