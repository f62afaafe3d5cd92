using System.Globalization;

namespace VodManager.Web.Components.Timeline;

/// <summary>Colours a highlight by its score relative to the stream's best: amber for the weakest, hot red for the best.</summary>
public static class ScorePalette
{
    public static string Color(double score, double maxScore)
    {
        var fraction = maxScore > 0 ? Math.Clamp(score / maxScore, 0, 1) : 0;
        var hue = 48 - 46 * fraction;
        var lightness = 58 - 8 * fraction;
        return string.Create(CultureInfo.InvariantCulture, $"hsl({hue:0}, 92%, {lightness:0}%)");
    }
}
