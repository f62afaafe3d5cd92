namespace VodManager.Core.Media;

/// <summary>One output of <see cref="FfmpegArguments.SmartParts"/>: a range of the source, copied or re-encoded, to a file.</summary>
public sealed record SmartPartOutput(double Start, double Duration, bool Copy, string Output);
