namespace VodManager.Core.Detection;

/// <summary>Which chat model a channel's detections use, and how far its next refit is.</summary>
/// <param name="Tuned">The channel has its own model (else the default applies).</param>
/// <param name="Decisions">Decisions the channel's model was fitted on (or counted at the last revert).</param>
/// <param name="DecidedNow">Decisions the channel's editors have made so far.</param>
/// <param name="RefitAfter">New decisions that start a refit (Detection:RefitAfterDecisions).</param>
public sealed record ChannelModelStatus(
    string Channel,
    bool Tuned,
    int Decisions,
    DateTime? TrainedAt,
    int DecidedNow,
    int RefitAfter,
    double? DefaultAgreement,
    double? TunedAgreement)
{
    /// <summary>Decisions still to come before the next refit.</summary>
    public int UntilRefit => Math.Max(0, RefitAfter - (DecidedNow - Decisions));
}
