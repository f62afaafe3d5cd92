using System.Diagnostics;
using System.Globalization;

namespace VodManager.Benchmarks;

/// <summary>
/// Wall time and CPU time of one step; the CPU time is this process's plus that of the children it waited for (ffmpeg),
/// <paramref name="OwnCpuSeconds"/> this process's alone (the product's own code, runtime and database).
/// </summary>
internal readonly record struct Cost(double WallSeconds, double CpuSeconds, double OwnCpuSeconds);

/// <summary>
/// Measures a step by wall clock and by CPU. On a shared machine the wall clock swings with the others' load, while CPU
/// seconds (Linux: cutime + cstime of /proc/self/stat, in clock ticks of 1/100 s) stay put.
/// </summary>
internal sealed class CpuWatch
{
    private const double TicksPerSecond = 100;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly (double All, double Own) _cpuAtStart = CpuSeconds();

    public static CpuWatch Start() => new();

    public Cost Elapsed()
    {
        var (all, own) = CpuSeconds();
        return new(_wall.Elapsed.TotalSeconds, all - _cpuAtStart.All, own - _cpuAtStart.Own);
    }

    private static (double All, double Own) CpuSeconds()
    {
        var own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from the third (state) on; the name may hold spaces
        var children = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return (own + children / TicksPerSecond, own);
    }
}
