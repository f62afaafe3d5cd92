namespace VodManager.Core.Cutting;

/// <summary>
/// Where a stream-copy cut of the asked range really lands: it starts at the keyframe at or before the asked start.
/// The editor draws <see cref="RealStart"/> as a ghost marker next to the trim handle.
/// </summary>
public sealed record CopyCutPlan(double AskedStart, double RealStart, double End)
{
    /// <summary>Seconds of extra video before the asked start (0 when the start is on a keyframe).</summary>
    public double Preroll => AskedStart - RealStart;
}
