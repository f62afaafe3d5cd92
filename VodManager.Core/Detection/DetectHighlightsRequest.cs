using VodManager.Core.Jobs;

namespace VodManager.Core.Detection;

/// <summary>Detect (or re-detect) a stream's highlights.</summary>
public sealed record DetectHighlightsRequest : JobRequest
{
    public const string JobKind = "detect";

    /// <summary>
    /// The data import whose end started this detection: its data is in, so the detection does not wait for it (the
    /// CLI runs the detection inside that import's job, which is still marked running).
    /// </summary>
    public Guid? AfterImport { get; init; }

    /// <summary>Started by a new stream's data while its video is on its way (<see cref="Ingest.ImportFileRequest.VideoFollows"/>).</summary>
    public bool VideoFollows { get; init; }

    public override string Kind => JobKind;

    public override string Describe() => "Detect highlights";
}
