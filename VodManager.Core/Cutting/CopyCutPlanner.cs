using VodManager.Core.Media;

namespace VodManager.Core.Cutting;

/// <summary>The ghost-marker math, shared by the editor (before a cut) and the cutter (to record the real start).</summary>
public static class CopyCutPlanner
{
    public static CopyCutPlan Plan(MediaIndex index, double start, double end) =>
        new(start, index.Keyframes.Length == 0 ? start : index.KeyframeAtOrBefore(start), end);
}
