using System.Globalization;

namespace VodManager.Benchmarks;

/// <summary>
/// The costs of one step measured over several rounds. On a shared machine a single round of about a second swings with
/// the neighbours' load; the median of several, with its spread, is the figure to compare.
/// </summary>
internal sealed class CostSeries
{
    private readonly List<Cost> _rounds = [];

    public IReadOnlyList<Cost> Rounds => _rounds;

    public void Add(Cost cost) => _rounds.Add(cost);

    public double Wall => Median(_rounds.Select(c => c.WallSeconds));

    public double Cpu => Median(_rounds.Select(c => c.CpuSeconds));

    public double OwnCpu => Median(_rounds.Select(c => c.OwnCpuSeconds));

    public double MinWall => _rounds.Min(c => c.WallSeconds);

    public double MaxWall => _rounds.Max(c => c.WallSeconds);

    /// <summary>"median (min–max)" of the wall clock.</summary>
    public string DescribeWall() => string.Create(CultureInfo.InvariantCulture, $"{Wall:0.00} s ({MinWall:0.00}-{MaxWall:0.00})");

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new InvalidOperationException("No rounds were measured.");
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
