namespace VodManager.Core.Data.Entities;

/// <summary>How much each signal contributed to a highlight's score (each 0..1 before weighting).</summary>
public sealed class SignalBreakdown
{
    public double Chat { get; set; }
    public double Events { get; set; }
    public double Transcript { get; set; }
    public double Audio { get; set; }
}
