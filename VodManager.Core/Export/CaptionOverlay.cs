using VodManager.Core.Export.Captions;

namespace VodManager.Core.Export;

/// <summary>
/// A caption sheet to burn into an export and the ASS file it was written to: drawn once per state and pasted
/// (<see cref="AssDocument.WriteSheet"/>); or, for a rolling track, each line drawn once on a strip and the states put
/// together from the strips before they are pasted (<see cref="Scroll"/>, <see cref="AssDocument.WriteStrips"/>); or,
/// when holding all its states would take more memory than the export allows, drawn onto every frame
/// (<see cref="AssDocument.WriteTimed"/>).
/// </summary>
public sealed record CaptionOverlay(string ScriptPath, CaptionSheet Sheet, bool PerFrame = false, CaptionScroll? Scroll = null);
