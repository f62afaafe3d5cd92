using VodManager.Core.Export.Captions;

namespace VodManager.Core.Export;

/// <summary>A caption sheet to paste over an export and the ASS file it was written to (<see cref="AssDocument.WriteSheet"/>).</summary>
public sealed record CaptionOverlay(string ScriptPath, CaptionSheet Sheet);
