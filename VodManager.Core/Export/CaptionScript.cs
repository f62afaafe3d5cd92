using VodManager.Core.Export.Captions;

namespace VodManager.Core.Export;

/// <summary>An export's caption tracks as sheets (none when there is nothing to burn in), how many cues each had, and why one is missing.</summary>
public sealed record CaptionScript(IReadOnlyList<CaptionSheet> Sheets, int SpokenCues, int ChatCues, IReadOnlyList<string> Notes);
