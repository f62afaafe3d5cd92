namespace VodManager.Core.Ingest.Video;

/// <summary>
/// Where a URL download's source stood at a checkpoint (<see cref="DownloadCheckpoints"/>), kept as JSON with it: a
/// recovered job asks the source for what follows only when it is still the same file or playlist.
/// </summary>
/// <param name="Validator">A single file's strong ETag, else the date it last changed; null when the server said neither (it cannot be resumed).</param>
/// <param name="Length">A single file's size.</param>
/// <param name="Hls">An HLS playlist's read, instead of a single file.</param>
public sealed record DownloadResume(string? Validator, long? Length, HlsReadState? Hls = null);

/// <summary>How far an <see cref="HlsSegmentStream"/> had read its playlist, to read on from there.</summary>
/// <param name="Playlist">The playlist's fingerprint (<see cref="HlsPlaylist.Fingerprint"/>): another playlist is read from its start.</param>
/// <param name="Part">The part being read.</param>
/// <param name="InPart">Bytes of it already read.</param>
/// <param name="Delivered">Bytes of the joined file read.</param>
/// <param name="Muted">The segments read as their muted copies so far.</param>
/// <param name="RunOffsets">Where each run begun so far starts in the joined bytes.</param>
/// <param name="Versions">What each file served in byte ranges answered for its first range.</param>
public sealed record HlsReadState(string Playlist, int Part, long InPart, long Delivered, IReadOnlyList<int> Muted, IReadOnlyList<long> RunOffsets, IReadOnlyDictionary<string, string> Versions);
