using System.Globalization;
using System.Text;

namespace VodManager.Web.Components.Timeline;

/// <summary>Turns chat counts per bucket into the minimap's heat strip: an area path in a (buckets × 1) box.</summary>
public static class HeatStrip
{
    /// <summary>
    /// 0..1 per bucket. A square root keeps the quiet stretches visible next to a spike that is ten times as busy.
    /// </summary>
    public static double[] Intensities(IReadOnlyList<double> counts)
    {
        var max = counts.Count == 0 ? 0 : counts.Max();
        return max <= 0 ? new double[counts.Count] : counts.Select(c => Math.Sqrt(c / max)).ToArray();
    }

    /// <summary>The outline of the strip for an SVG with <c>viewBox="0 0 {count} 1"</c>: bucket i spans x = i..i+1, the top is 1 − intensity.</summary>
    public static string AreaPath(IReadOnlyList<double> intensities)
    {
        if (intensities.Count == 0)
        {
            return "";
        }

        var path = new StringBuilder("M0,1");
        for (var i = 0; i < intensities.Count; i++)
        {
            var top = 1 - intensities[i];
            path.Append(CultureInfo.InvariantCulture, $" L{i},{top:0.###} L{i + 1},{top:0.###}");
        }

        return path.Append(CultureInfo.InvariantCulture, $" L{intensities.Count},1 Z").ToString();
    }
}
