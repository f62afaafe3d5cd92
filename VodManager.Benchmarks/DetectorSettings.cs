using System.Globalization;

namespace VodManager.Benchmarks;

/// <summary>One choice of what to fit a chat model with: its features, the chat window and delay, and the L2 strength.</summary>
internal sealed record DetectorSettings(IReadOnlyList<string> Features, int Window, int Delay, double Penalty)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Window} s window, {Delay} s delay, penalty {Penalty:0.####}, {string.Join("+", Features)}");
}
