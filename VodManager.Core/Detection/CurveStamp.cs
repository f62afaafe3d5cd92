using VodManager.Core.Data.Entities;

namespace VodManager.Core.Detection;

/// <summary>
/// What a stream's signal curves depend on (<see cref="SignalCurveService.StampAsync"/>), and the channel's model it
/// names: curves kept under the stamp are built with that model, so a refit landing meanwhile cannot slip in unnamed.
/// </summary>
/// <param name="Value">The stamp stored beside the curves.</param>
/// <param name="Model">The channel's tuned model, or null for the default.</param>
public sealed record CurveStamp(string Value, ChannelModel? Model)
{
    /// <summary>The model to score with: the tuned one's weights, or null for the default.</summary>
    public ChatModel? ChatModel => Model is null ? null : ChatModel.Parse(Model.ModelJson!);
}
