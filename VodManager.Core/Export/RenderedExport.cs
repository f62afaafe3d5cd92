using VodManager.Core.Media;

namespace VodManager.Core.Export;

/// <summary>An encoded export in the work folder, with what ffprobe says about it.</summary>
public sealed record RenderedExport(string Path, long Bytes, MediaInfo Media);
