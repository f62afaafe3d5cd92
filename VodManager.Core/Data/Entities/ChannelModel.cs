namespace VodManager.Core.Data.Entities;

/// <summary>
/// A channel's own chat model, refitted from its editors' decisions (kept, cut or trimmed highlights against
/// dismissed ones) and used by later detections of that channel's streams. One row per channel of an account; a
/// revert keeps the row (without a model) so the next refit waits for new decisions.
/// </summary>
public sealed class ChannelModel
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public Account? Account { get; set; }

    /// <summary>The streams' channel, trimmed and lower-cased (Twitch names ignore case).</summary>
    public required string Channel { get; set; }

    /// <summary>The fitted <c>ChatModel</c> as JSON; null after a revert (the default model applies).</summary>
    public string? ModelJson { get; set; }

    /// <summary>Decisions the model was fitted on; after a revert, the decisions there were then.</summary>
    public int Decisions { get; set; }

    public int Positives { get; set; }
    public int Negatives { get; set; }

    /// <summary>Share of (kept, dismissed) decision pairs the default model ranks the right way round.</summary>
    public double? DefaultAgreement { get; set; }

    /// <summary>The same for the channel's model: how much better it follows this channel's editors.</summary>
    public double? TunedAgreement { get; set; }

    public DateTime? TrainedAt { get; set; }
    public string? RevertedBy { get; set; }
    public DateTime? RevertedAt { get; set; }
}
