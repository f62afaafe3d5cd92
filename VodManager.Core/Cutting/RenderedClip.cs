using VodManager.Core.Media;

namespace VodManager.Core.Cutting;

/// <summary>A cut written to a local file, with where it really lies in the source and how it was made.</summary>
/// <param name="SourceStart">Where the output really starts in the source (a copy cut starts at a keyframe).</param>
/// <param name="FallbackReason">Why a smart cut was redone as precise; null when the asked mode was used.</param>
public sealed record RenderedClip(string Path, CutMode Mode, double SourceStart, double SourceEnd, MediaInfo Media, string? FallbackReason);
