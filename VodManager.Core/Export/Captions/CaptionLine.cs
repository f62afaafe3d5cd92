namespace VodManager.Core.Export.Captions;

/// <summary>One line of a cue; a chat line names its author, shown in colour before the text.</summary>
public sealed record CaptionLine(string Text, string? Speaker = null);
