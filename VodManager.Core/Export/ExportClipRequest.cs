using VodManager.Core.Jobs;

namespace VodManager.Core.Export;

/// <summary>Export one clip vertically (the editor's "Export vertical", the CLI's `export`).</summary>
public sealed record ExportClipRequest : JobRequest
{
    public const string JobKind = "export";

    public required int ClipVodId { get; init; }

    public required string Profile { get; init; }

    /// <summary>"center", "x=0.30" or "blur" (<see cref="Export.Framing"/>).</summary>
    public string Framing { get; init; } = "center";

    public bool Chat { get; init; }

    public override string Kind => JobKind;

    public override string Describe() => $"Export clip {ClipVodId} vertically ({Profile}, {Framing}{(Chat ? ", chat" : "")})";

    public ExportSpec ToSpec() => new(AccountId, ClipVodId, Profile, Export.Framing.Parse(Framing), Chat);
}
