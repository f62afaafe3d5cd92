using VodManager.Core.Jobs;

namespace VodManager.Core.Ingest;

/// <summary>Import a server-side video file as a stream's source.</summary>
public sealed record ImportVideoRequest : JobRequest
{
    public const string JobKind = "import-video";

    public required string Path { get; init; }

    public override string Kind => JobKind;

    public override string Describe() => $"Import video {System.IO.Path.GetFileName(Path)}";
}
