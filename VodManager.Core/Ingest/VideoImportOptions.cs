using System.ComponentModel.DataAnnotations;
using VodManager.Core.Ingest.Video;

namespace VodManager.Core.Ingest;

/// <summary>The "Import" section of appsettings.json: limits and safety rules for source video imports.</summary>
public sealed class VideoImportOptions : IValidatableObject
{
    public const string Section = "Import";

    /// <summary>Largest browser upload accepted, in bytes; refused when the upload starts, before any byte travels.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxVideoUploadBytes { get; set; } = 50L << 30;

    /// <summary>Bytes per upload request. A dropped connection costs at most one chunk; must be a multiple of 1 MiB.</summary>
    [Range(ContentHasher.BlockSize, 256 << 20)]
    public int UploadChunkBytes { get; set; } = 8 << 20;

    /// <summary>How long an unfinished upload can sit idle before its bytes and its quota reservation are dropped.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan UploadSessionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long without a new piece before other editors see an upload as stopped rather than going up: its browser
    /// closed, slept or lost its connection. Longer than a piece takes on a slow uplink (8 MiB at 1 Mbit/s: about 70 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UploadIdleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Folders whose files may be imported by server path; relative entries live under VodManager:DataFolder. Empty
    /// (the default when the setting is absent; appsettings.json names "imports") turns server paths off. No default
    /// list here: the configuration binder appends to a pre-filled list instead of replacing it.
    /// </summary>
    public List<string> Roots { get; set; } = [];

    /// <summary>Let URL imports reach loopback, link-local and private addresses (off: the import box is not a way into the network).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Largest file a URL import downloads, in bytes; enforced on the announced size and again while streaming.</summary>
    [Range(1L, long.MaxValue)]
    public long UrlMaxBytes { get; set; } = 50L << 30;

    /// <summary>Redirects a URL import follows before giving up.</summary>
    [Range(0, 20)]
    public int UrlMaxRedirects { get; set; } = 5;

    /// <summary>The longest a URL download may take, start to finish.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "2.00:00:00")]
    public TimeSpan UrlTimeout { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Times a URL download is taken up again after a passing failure (a dropped or stalled connection, a server's
    /// 408, 429, 500, 502, 503 or 504), counted since the last byte that arrived; it resumes where it stopped. 0: the
    /// first failure ends the import.
    /// </summary>
    [Range(0, 20)]
    public int UrlRetries { get; set; } = 5;

    /// <summary>The wait before the first retry; it doubles (with jitter) up to a minute, or is the server's Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan UrlRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many segments of an HLS playlist are fetched at once (each holding at most 16 MiB unread): a CDN's wait per
    /// request and rate per connection would otherwise bound a thousand-segment VOD. 1: one after another.
    /// </summary>
    [Range(1, 16)]
    public int HlsParallelSegments { get; set; } = 4;

    /// <summary>
    /// Of an HLS master's variants take the best H.264 one over a better HEVC or AV1 one (a Twitch channel on Enhanced
    /// Broadcasting has its source in those): it plays in every browser and smart cuts copy most of it; unless it has
    /// too few lines for clips, when an AV1 or VP9 one is taken over an HEVC source (<see cref="Video.HlsPlaylist.Choose"/>).
    /// Off: the most bits a second, whatever the codec.
    /// </summary>
    public bool HlsPreferH264 { get; set; } = true;

    /// <summary>How long a download may go without a byte before its connection counts as dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UrlStallTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Bytes of a URL download stored and recorded as one checkpoint: a download cut off by a node's restart or crash
    /// goes on from its last checkpoint when its job is recovered, on any node, instead of from the start. Two of
    /// them are held in memory while the download runs; must be a multiple of 1 MiB.
    /// </summary>
    [Range(ContentHasher.BlockSize, 256 << 20)]
    public int UrlCheckpointBytes { get; set; } = 16 << 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, bytes) in new[] { (nameof(UploadChunkBytes), UploadChunkBytes), (nameof(UrlCheckpointBytes), UrlCheckpointBytes) })
        {
            if (bytes % ContentHasher.BlockSize != 0)
            {
                yield return new ValidationResult($"{Section}:{name} must be a multiple of {ContentHasher.BlockSize} (1 MiB); it is {bytes}.", [name]);
            }
        }

        foreach (var root in Roots)
        {
            if (string.IsNullOrWhiteSpace(root) || root.Split('/', '\\').Contains(".."))
            {
                yield return new ValidationResult($"{Section}:Roots has an empty entry or one with '..': '{root}'.", [nameof(Roots)]);
            }
        }
    }
}
