using VodManager.Core.Ingest;

namespace VodManager.Web.Components.Streams;

/// <summary>A file picked for a new stream: a data file already copied to the server (<see cref="TempPath"/>), or the video, which stays in the browser.</summary>
public sealed record ChosenFile(string Name, long Size, IngestKind? DataKind, string? TempPath)
{
    private static readonly string[] VideoExtensions = [".mp4", ".m4v", ".mov", ".mkv", ".webm", ".ts", ".flv", ".avi"];

    public bool IsVideo => DataKind is null;

    public string KindLabel => DataKind switch
    {
        IngestKind.Chat => "chat",
        IngestKind.Events => "events",
        IngestKind.Transcript => "transcript",
        _ => "video",
    };

    /// <summary>What a file is, by its name: (true, null) for a video, (false, kind) for a data file, (false, null) for neither.</summary>
    public static (bool Video, IngestKind? Kind) Classify(string name)
    {
        var lower = name.ToLowerInvariant();
        var extension = Path.GetExtension(lower);
        return extension switch
        {
            _ when VideoExtensions.Contains(extension) => (true, null),
            ".vtt" or ".srt" => (false, IngestKind.Transcript),
            ".jsonl" or ".ndjson" => (false, IngestKind.Events),
            ".json" or ".gz" or ".txt" or ".log" => (false, IngestKind.Chat),
            _ => (false, null),
        };
    }
}
