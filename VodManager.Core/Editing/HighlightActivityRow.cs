namespace VodManager.Core.Editing;

/// <summary>One change to a highlight: who did what, when.</summary>
public sealed record HighlightActivityRow(DateTime At, string Actor, string Action, string? Detail);
