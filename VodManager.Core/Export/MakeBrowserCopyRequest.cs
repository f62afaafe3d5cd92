using VodManager.Core.Jobs;

namespace VodManager.Core.Export;

/// <summary>Make the stream's source playable in any browser (the editor's "Make a browser copy").</summary>
public sealed record MakeBrowserCopyRequest : JobRequest
{
    public const string JobKind = "browser-copy";

    public override string Kind => JobKind;

    public override string Describe() => "Make a browser copy of the source";
}
