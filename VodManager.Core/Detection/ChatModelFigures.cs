namespace VodManager.Core.Detection;

/// <summary>What a chat model was fitted on and how it did there.</summary>
/// <param name="TrainedOn">Where the examples came from ("lightor dota2-train, 10 streams", "default + 24 decisions").</param>
/// <param name="Examples">Labelled seconds (positive and negative) it was fitted on.</param>
/// <param name="Positives">Of them, seconds inside a highlight.</param>
/// <param name="PrecisionAt5">P@5 on the streams it was fitted on (null when they have too few labels to tell).</param>
/// <param name="Penalty">The L2 strength it was fitted with (chosen by cross-validation for the default).</param>
/// <param name="CrossValidatedAt5">Leave-one-stream-out P@5 of its settings on the streams it was fitted on (null when not measured).</param>
/// <param name="BoostRounds">Rounds of boosted stumps fitted on top of the line (null: none), with their leaf penalty.</param>
public sealed record ChatModelFigures(
    string TrainedOn,
    int Examples,
    int Positives,
    double? PrecisionAt5,
    double? PrecisionAt10,
    DateTimeOffset TrainedAt,
    double? Penalty = null,
    double? CrossValidatedAt5 = null,
    double? CrossValidatedAt10 = null,
    int? BoostRounds = null,
    double? LeafPenalty = null);
