namespace VodManager.Core.Cutting;

/// <summary>
/// The parts of a smart cut: the partial GOP before the first keyframe inside the range and the one after the last
/// are re-encoded; whole GOPs in between are copied. <see cref="Middle"/> is null when no whole GOP fits.
/// </summary>
public sealed record SmartCutPlan(SmartCutPart? Head, SmartCutPart? Middle, SmartCutPart? Tail)
{
    public IEnumerable<SmartCutPart> Parts => new[] { Head, Middle, Tail }.OfType<SmartCutPart>();

    /// <param name="keyframes">Keyframe times of the source, ascending.</param>
    /// <param name="frame">One frame's duration: parts shorter than half a frame are dropped, times within it snap to the keyframe.</param>
    public static SmartCutPlan Create(IReadOnlyList<double> keyframes, ClipBounds bounds, double frame)
    {
        var half = frame / 2;
        var first = keyframes.Where(k => k >= bounds.Start - half).Cast<double?>().FirstOrDefault();
        var last = keyframes.Where(k => k <= bounds.End + half).Cast<double?>().LastOrDefault();
        if (first is not { } k1 || last is not { } k2 || k2 - k1 < half)
        {
            return new SmartCutPlan(null, null, null);
        }

        return new SmartCutPlan(
            k1 - bounds.Start >= half ? new SmartCutPart(bounds.Start, k1 - bounds.Start, Copy: false) : null,
            new SmartCutPart(k1, k2 - k1, Copy: true),
            bounds.End - k2 >= half ? new SmartCutPart(k2, bounds.End - k2, Copy: false) : null);
    }
}
