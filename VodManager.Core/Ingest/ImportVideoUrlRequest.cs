using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;

namespace VodManager.Core.Ingest;

/// <summary>Download an http(s) URL as a stream's source or as a platform highlight.</summary>
public sealed record ImportVideoUrlRequest : JobRequest
{
    public const string JobKind = "import-video-url";

    public required Uri Url { get; init; }

    public ImportedVideoKind VideoKind { get; init; } = ImportedVideoKind.Archive;

    public override string Kind => JobKind;

    public override string Describe() => $"Import {(VideoKind == ImportedVideoKind.PlatformHighlight ? "platform highlight" : "video")} from {UrlDownloader.Show(Url)}";
}
