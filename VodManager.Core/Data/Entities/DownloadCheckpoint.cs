namespace VodManager.Core.Data.Entities;

/// <summary>
/// One stored stretch of a URL download, kept while the download runs: where it ends, the SHA-256 of each 1 MiB block
/// in it, and where the source stands at its end. A job recovered after a crash goes on from its last one. The rows
/// belong to the download's pending VOD and go with it.
/// </summary>
public sealed class DownloadCheckpoint
{
    public int VodId { get; set; }
    public int Index { get; set; }

    /// <summary>Bytes stored up to the end of this stretch.</summary>
    public long End { get; set; }

    public required byte[] BlockHashes { get; set; }

    /// <summary>Where the source stands at <see cref="End"/>, as JSON (<see cref="Ingest.Video.DownloadResume"/>).</summary>
    public required string Resume { get; set; }
}
