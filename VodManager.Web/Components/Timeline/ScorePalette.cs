using System.Globalization;

namespace VodManager.Web.Components.Timeline;

/// <summary>Colours a highlight by where its score sits among the stream's: amber for the weakest, hot red for the best.</summary>
public static class ScorePalette
{
    public static string Color(double score, double minScore, double maxScore)
    {
        var fraction = maxScore > minScore ? Math.Clamp((score - minScore) / (maxScore - minScore), 0, 1) : 1;
        var hue = 48 - 46 * fraction;
        var lightness = 58 - 8 * fraction;
        return string.Create(CultureInfo.InvariantCulture, $"hsl({hue:0}, 92%, {lightness:0}%)");
    }
}
