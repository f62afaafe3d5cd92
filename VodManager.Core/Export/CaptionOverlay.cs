using VodManager.Core.Export.Captions;

namespace VodManager.Core.Export;

/// <summary>
/// A caption sheet to burn into an export and the ASS file it was written to: drawn once per state and pasted
/// (<see cref="AssDocument.WriteSheet"/>), or, when holding all its states would take more memory than the export
/// allows, drawn onto every frame (<see cref="AssDocument.WriteTimed"/>).
/// </summary>
public sealed record CaptionOverlay(string ScriptPath, CaptionSheet Sheet, bool PerFrame = false);
