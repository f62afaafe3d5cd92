using VodManager.Core.Jobs;

namespace VodManager.Core.Detection;

/// <summary>Refit the chat model of a stream's channel from its editors' decisions.</summary>
public sealed record RefitChannelModelRequest : JobRequest
{
    public const string JobKind = "refit-channel";

    public override string Kind => JobKind;

    public override string Describe() => "Tune the channel's chat model on its editors' decisions";
}
