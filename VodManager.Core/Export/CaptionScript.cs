namespace VodManager.Core.Export;

/// <summary>An export's caption script (ASS), or null when there is nothing to burn in, and why.</summary>
public sealed record CaptionScript(string? Ass, int SpokenCues, int ChatCues, IReadOnlyList<string> Notes);
