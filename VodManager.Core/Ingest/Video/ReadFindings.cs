using VodManager.Core.Media;

namespace VodManager.Core.Ingest.Video;

/// <summary>What reading a source found besides its bytes: an HLS playlist's muted parts, its variant, its runs.</summary>
/// <param name="Muted">The parts whose sound the platform muted: kept with the video and told the editor.</param>
/// <param name="Note">What else the editor should know of the read (which variant of a playlist was taken), or "".</param>
/// <param name="Runs">Where each run of continuous timestamps lies in the bytes, when there are several: the import joins them on the playlist's timeline.</param>
public sealed record ReadFindings(MutedSound Muted, string Note, IReadOnlyList<JoinedRun> Runs)
{
    /// <summary>A file or an upload: its bytes are all there is.</summary>
    public static readonly ReadFindings None = new(MutedSound.None, "", []);

    /// <summary>Where each run after the first starts on the playlist's timeline: where the broadcast reconnected.</summary>
    public Reconnects Reconnects { get; } = new(Runs.Skip(1).Select(r => r.Start).ToList());
}

/// <summary>One run of a joined recording: its bytes, and where it starts and how long it plays by the playlist.</summary>
public sealed record JoinedRun(long Offset, long Length, double Start, double Seconds);
