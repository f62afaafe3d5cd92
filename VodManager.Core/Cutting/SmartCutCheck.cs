using System.Globalization;

namespace VodManager.Core.Cutting;

/// <summary>How far a smart cut landed from what was asked, in frames; it passes within ±1 frame on every count.</summary>
/// <param name="DurationErrorFrames">Video duration minus the asked duration.</param>
/// <param name="FirstFrameErrorFrames">Which source frame the output starts with, relative to the asked one.</param>
/// <param name="AudioOffsetFrames">Audio start minus video start, and the larger of that and the audio/video length difference.</param>
public sealed record SmartCutCheck(double DurationErrorFrames, int FirstFrameErrorFrames, double AudioOffsetFrames)
{
    public const double ToleranceFrames = 1.0;

    // A hair over one frame: container timestamps are rounded to their time base.
    private const double Slack = 0.05;

    public bool Passed =>
        Math.Abs(DurationErrorFrames) <= ToleranceFrames + Slack
        && Math.Abs(FirstFrameErrorFrames) <= ToleranceFrames
        && Math.Abs(AudioOffsetFrames) <= ToleranceFrames + Slack;

    /// <summary>The largest of the three errors, in frames.</summary>
    public double MaxErrorFrames => new[] { Math.Abs(DurationErrorFrames), Math.Abs(FirstFrameErrorFrames), Math.Abs(AudioOffsetFrames) }.Max();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"duration off by {DurationErrorFrames:0.##} frames, first frame off by {FirstFrameErrorFrames}, audio off by {AudioOffsetFrames:0.##} frames (tolerance ±{ToleranceFrames:0})");
}
