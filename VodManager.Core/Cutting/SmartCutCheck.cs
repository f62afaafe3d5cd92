using System.Globalization;

namespace VodManager.Core.Cutting;

/// <summary>How far a smart cut landed from its plan, in frames; it passes within ±1 frame on every count.</summary>
/// <param name="DurationErrorFrames">Video duration minus the asked duration.</param>
/// <param name="JoinErrorFrames">
/// The farthest a keyframe sits from where the plan puts one (the start, each copied GOP, the tail), either way, or
/// how far the frame before a join is from one frame before it.
/// </param>
/// <param name="AudioOffsetFrames">Audio start minus video start, and the larger of that and the audio/video length difference.</param>
/// <param name="RepeatedFrames">Video frames at the time of the frame before them: two parts holding the same frame, shown twice.</param>
public sealed record SmartCutCheck(double DurationErrorFrames, double JoinErrorFrames, double AudioOffsetFrames, int RepeatedFrames = 0)
{
    public const double ToleranceFrames = 1.0;

    // A hair over one frame: container timestamps are rounded to their time base.
    private const double Slack = 0.05;

    public bool Passed => MaxErrorFrames <= ToleranceFrames + Slack && RepeatedFrames == 0;

    /// <summary>The largest of the three errors, in frames.</summary>
    public double MaxErrorFrames => Math.Max(Math.Abs(DurationErrorFrames), Math.Max(Math.Abs(JoinErrorFrames), Math.Abs(AudioOffsetFrames)));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"duration off by {DurationErrorFrames:0.##} frames, joins off by {JoinErrorFrames:0.##}, audio off by {AudioOffsetFrames:0.##} frames (tolerance ±{ToleranceFrames:0}), {RepeatedFrames} frames repeated");
}
