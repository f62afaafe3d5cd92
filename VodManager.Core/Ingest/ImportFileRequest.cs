using VodManager.Core.Jobs;

namespace VodManager.Core.Ingest;

/// <summary>Import a chat log, an events file or a transcript for a stream; replaces what that kind held before.</summary>
public sealed record ImportFileRequest : JobRequest
{
    public const string JobKind = "import-data";

    public required IngestKind DataKind { get; init; }

    public required string Path { get; init; }

    /// <summary>The file is an upload's temporary copy: remove it when the job ends, whatever happened.</summary>
    public bool DeleteWhenDone { get; init; }

    /// <summary>
    /// Where an upload waits in the shared storage for whichever node runs the job (<see cref="DataUploadStaging"/>);
    /// <see cref="Path"/> then only names the file.
    /// </summary>
    public string? SharedKey { get; init; }

    /// <summary>
    /// The last file an editor gave for the stream (an upload on its page, the last of a new stream's or a CLI import's
    /// files): detection starts when it is in and the stream has chat, events file or not. Otherwise detection waits
    /// for both chat and events.
    /// </summary>
    public bool StartDetection { get; init; }

    /// <summary>
    /// A new stream's video is on its way (imported beside this file, or uploaded from the browser once the stream
    /// exists): the detection this file starts does not refine automatically while the stream has no stored video,
    /// since the video's storing detects, and refines, again.
    /// </summary>
    public bool VideoFollows { get; init; }

    public override string Kind => JobKind;

    public override string Describe() => $"Import {DataKind.ToString().ToLowerInvariant()} {System.IO.Path.GetFileName(Path)}";
}
