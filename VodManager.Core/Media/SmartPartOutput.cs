namespace VodManager.Core.Media;

/// <summary>One output of <see cref="FfmpegArguments.SmartParts"/>: a range of the source, copied or re-encoded, to a file.</summary>
/// <param name="DecodeDelay">
/// For a copied part, how long before its time the source decodes a keyframe (<see cref="KeyframeReader.FirstFrameFromAsync"/>):
/// the copy stops at the next keyframe's decode time, so it holds every frame before that keyframe and not the keyframe.
/// </param>
public sealed record SmartPartOutput(double Start, double Duration, bool Copy, string Output, double DecodeDelay = 0);
