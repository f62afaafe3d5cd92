using System.Diagnostics.Metrics;

namespace VodManager.Core.Refinement;

/// <summary>
/// The refinement counters operators alert on: <c>vodmanager.refinement.outcomes</c>, one per highlight, tagged with
/// the backend and the outcome (refined, not_clipable, failed, skipped).
/// </summary>
public sealed class RefinementMetrics
{
    public const string MeterName = "VodManager.Refinement";
    public const string OutcomesName = "vodmanager.refinement.outcomes";

    private readonly Counter<long> _outcomes;

    public RefinementMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _outcomes = meter.CreateCounter<long>(OutcomesName, unit: "{highlight}", description: "Highlight refinements by backend and outcome.");
    }

    public void Record(string backend, RefineOutcome outcome) =>
        _outcomes.Add(1, new KeyValuePair<string, object?>("backend", backend), new KeyValuePair<string, object?>("outcome", Tag(outcome)));

    public static string Tag(RefineOutcome outcome) => outcome switch
    {
        RefineOutcome.NotClipable => "not_clipable",
        RefineOutcome.NotEligible => "not_eligible",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
