using System.Globalization;
using VodManager.Core.Cutting;
using VodManager.Core.Media;

namespace VodManager.Web.Components.Timeline;

/// <summary>
/// Where a stream-copy cut of a range really starts: at the keyframe at or before the in-point, so the clip may
/// begin early. Shown on the trim track so the editor is never surprised by the output.
/// </summary>
public sealed record GhostMarker(double CutStartSeconds, double EarlyBySeconds)
{
    /// <summary>Within about a frame the start counts as exact.</summary>
    public const double ExactTolerance = 0.05;

    public bool IsExact => EarlyBySeconds < ExactTolerance;

    public string Label => IsExact ? "exact" : $"starts {EarlyBySeconds.ToString("0.0", CultureInfo.InvariantCulture)} s early";

    /// <summary>The marker for an in-point, or null when the source's keyframes are not known yet.</summary>
    public static GhostMarker? For(double inPoint, MediaIndex? media)
    {
        if (media is not { Keyframes.Length: > 0 })
        {
            return null;
        }

        var plan = CopyCutPlanner.Plan(media, inPoint, inPoint);
        return new GhostMarker(plan.RealStart, Math.Max(0, plan.Preroll));
    }
}
