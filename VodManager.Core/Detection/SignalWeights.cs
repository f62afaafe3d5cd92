using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Detection;

/// <summary>How much each signal (0..1) counts in a highlight's score.</summary>
public sealed class SignalWeights
{
    [Range(0.0, 10.0)]
    public double Chat { get; set; } = 1;

    [Range(0.0, 10.0)]
    public double Events { get; set; } = 1;

    [Range(0.0, 10.0)]
    public double Transcript { get; set; } = 1;

    [Range(0.0, 10.0)]
    public double Audio { get; set; } = 1;
}
