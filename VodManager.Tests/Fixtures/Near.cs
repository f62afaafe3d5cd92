namespace VodManager.Tests.Fixtures;

/// <summary>Seconds compared as a database gives them back: a double stored and read again may differ in its last bits.</summary>
public sealed class Near(double tolerance) : IEqualityComparer<double>
{
    /// <summary>Within 2 ms: a chat line's offset as written in its file.</summary>
    public static readonly Near Offsets = new(0.002);

    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    // Near values must meet in Equals: one bucket for all.
    public int GetHashCode(double obj) => 0;
}
