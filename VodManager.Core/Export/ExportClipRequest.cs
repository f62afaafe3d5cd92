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

    /// <summary>The clip's title when it was queued: its id means nothing on the page. Null in requests stored before it was kept.</summary>
    public string? ClipTitle { get; init; }

    public override string Kind => JobKind;

    public override string Describe() =>
        $"Export {(ClipTitle is null ? $"clip {ClipVodId}" : $"'{ClipTitle}'")} vertically ({Profile}, {Framing}{(Chat ? ", chat" : "")})";

    public ExportSpec ToSpec() => new(AccountId, ClipVodId, Profile, Export.Framing.Parse(Framing), Chat);
}
