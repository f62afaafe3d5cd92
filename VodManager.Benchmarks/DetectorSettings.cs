using System.Globalization;

namespace VodManager.Benchmarks;

/// <summary>
/// One choice of what to fit a chat model with: its features, the chat window and delay, the L2 strength, and how many
/// boosted stumps go on top of the line (none for a plain logistic regression).
/// </summary>
internal sealed record DetectorSettings(IReadOnlyList<string> Features, int Window, int Delay, double Penalty, int Rounds = 0, double Shrinkage = 0.1, double LeafPenalty = 1)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Window} s window, {Delay} s delay, penalty {Penalty:0.####}, {string.Join("+", Features)}{(Rounds > 0 ? $", {Rounds} boosted stumps (step {Shrinkage:0.###}, leaf penalty {LeafPenalty:0.#})" : "")}");
}
