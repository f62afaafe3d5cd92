using VodManager.Core.Jobs;

namespace VodManager.Core.Ingest;

/// <summary>Import a server-side video file (under <c>Import:Roots</c>) as a stream's source or as a platform highlight.</summary>
public sealed record ImportVideoRequest : JobRequest
{
    public const string JobKind = "import-video";

    public required string Path { get; init; }

    public ImportedVideoKind VideoKind { get; init; } = ImportedVideoKind.Archive;

    public override string Kind => JobKind;

    public override string Describe() => $"Import {(VideoKind == ImportedVideoKind.PlatformHighlight ? "platform highlight" : "video")} {System.IO.Path.GetFileName(Path)}";
}
