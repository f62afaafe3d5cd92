using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// A finished HLS recording (RFC 8216) a URL import was given: a Twitch VOD's playlist, a streaming server's archive.
/// The importer fetches its segments itself, one after another through <see cref="UrlDownloader"/> (so each passes
/// the same address checks as the playlist), and stores them joined: MPEG-TS segments make one MPEG-TS file, fMP4
/// ones after their init section one fragmented MP4. A master playlist's best variant is taken. What cannot be joined
/// that way (encrypted or byte-range segments, audio in a playlist of its own, a live playlist still growing) is refused
/// naming why.
/// </summary>
/// <param name="Parts">The init section (fMP4), then every segment, in playing order.</param>
/// <param name="Fragmented">fMP4 segments: the joined file is an MP4, else MPEG-TS.</param>
/// <param name="Starts">Each segment's start in the recording, in seconds (by its #EXTINF durations).</param>
public sealed partial record HlsPlaylist(IReadOnlyList<Uri> Parts, bool Fragmented, double DurationSeconds, IReadOnlyList<double> Starts)
{
    /// <summary>The most a playlist may hold: a 24 h VOD in 2 s segments is about 4 MB with long signed URLs.</summary>
    public const int MaxPlaylistBytes = 8 * 1024 * 1024;

    /// <summary>How many segments it lists (its parts, less an fMP4 init section).</summary>
    public int Segments => Parts.Count - (Fragmented ? 1 : 0);

    /// <summary>How long it plays, to the second, for messages.</summary>
    public TimeSpan Length => TimeSpan.FromSeconds(Math.Round(DurationSeconds));

    /// <summary>What the master said of the variant taken (none for a media playlist given directly).</summary>
    public HlsVariant? Variant { get; init; }

    /// <summary>
    /// The least the segments can add up to by what the master said, for refusing a download that cannot fit before
    /// it starts: its average rate less a tenth, or half its peak rate (the only one Twitch gives, about 1.4× its
    /// average); null when the master said neither.
    /// </summary>
    public long? LeastBytes => Variant switch
    {
        { AverageBitsPerSecond: { } average } => (long)(average / 8.0 * DurationSeconds * 0.9),
        { PeakBitsPerSecond: > 0 and var peak } => (long)(peak / 8.0 * DurationSeconds * 0.5),
        _ => null,
    };

    /// <summary>A download that is a playlist: by the type the server gave, else by the URL's extension.</summary>
    public static bool IsPlaylist(UrlDownload download) =>
        download.ContentType?.Contains("mpegurl", StringComparison.OrdinalIgnoreCase) == true
        || Path.GetExtension(download.FinalUrl.AbsolutePath).ToLowerInvariant() is ".m3u8" or ".m3u";

    /// <summary>Reads the playlist <paramref name="download"/> holds, and when it is a master the media playlist of its best variant.</summary>
    public static async Task<HlsPlaylist> ReadAsync(UrlDownload download, UrlDownloader downloader, CancellationToken cancellationToken)
    {
        var read = Parse(await ReadTextAsync(download, cancellationToken), download.FinalUrl);
        if (read.Variant is not { } variant)
        {
            return read.Media!;
        }

        await using var media = await downloader.OpenAsync(variant.Url, cancellationToken);
        return (Parse(await ReadTextAsync(media, cancellationToken), media.FinalUrl).Media
            ?? throw Refused(media.FinalUrl, "its variant is a master playlist again, where a list of segments was expected")) with { Variant = variant };
    }

    /// <summary>What a playlist's text says: a media playlist, or a master's best variant.</summary>
    public static (HlsPlaylist? Media, HlsVariant? Variant) Parse(string text, Uri url)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || lines[0] != "#EXTM3U")
        {
            throw new VideoImportException($"'{UrlDownloader.Show(url)}' was refused: it is not an HLS playlist (it does not begin with #EXTM3U).");
        }

        var variants = new List<(HlsVariant Variant, string? Audio)>();
        var separateAudio = new HashSet<string>(StringComparer.Ordinal);
        var parts = new List<Uri>();
        var starts = new List<double>();
        Uri? init = null;
        var duration = 0.0;
        var segmentStart = 0.0;
        var ended = false;
        Dictionary<string, string>? streamInf = null;
        foreach (var line in lines.Skip(1))
        {
            if (!line.StartsWith('#'))
            {
                var target = Resolve(url, line);
                if (streamInf is not null)
                {
                    variants.Add((new HlsVariant(target, BitsPerSecond(streamInf, "BANDWIDTH") ?? 0, BitsPerSecond(streamInf, "AVERAGE-BANDWIDTH")), streamInf.GetValueOrDefault("AUDIO")));
                    streamInf = null;
                }
                else
                {
                    parts.Add(target);
                    starts.Add(segmentStart);
                }

                continue;
            }

            var (tag, value) = line.IndexOf(':') is var colon and > 0 ? (line[..colon], line[(colon + 1)..]) : (line, "");
            switch (tag)
            {
                case "#EXT-X-STREAM-INF":
                    streamInf = Attributes(value);
                    break;
                case "#EXT-X-MEDIA" when Attributes(value) is var media && media.GetValueOrDefault("TYPE") == "AUDIO" && media.ContainsKey("URI"):
                    separateAudio.Add(media.GetValueOrDefault("GROUP-ID") ?? "");
                    break;
                case "#EXT-X-KEY" when Attributes(value).GetValueOrDefault("METHOD") is { } method && method != "NONE":
                    throw Refused(url, $"its segments are encrypted ({method}), which cannot be imported");
                case "#EXT-X-BYTERANGE":
                    throw Refused(url, "its segments are byte ranges of larger files, which cannot be imported");
                case "#EXT-X-MAP":
                    var map = Attributes(value);
                    if (map.ContainsKey("BYTERANGE"))
                    {
                        throw Refused(url, "its init section is a byte range of a larger file, which cannot be imported");
                    }

                    var section = Resolve(url, map.GetValueOrDefault("URI") ?? throw Refused(url, "an #EXT-X-MAP names no URI"));
                    if (init is not null && init != section)
                    {
                        throw Refused(url, "its init section changes part-way, so its segments do not join into one file");
                    }

                    init = section;
                    break;
                case "#EXTINF":
                    segmentStart = duration;
                    duration += double.TryParse(value.Split(',')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
                    break;
                case "#EXT-X-ENDLIST":
                    ended = true;
                    break;
            }
        }

        if (variants.Count > 0)
        {
            // The best picture, as a player on a fast line would choose; Twitch lists its source quality first and highest.
            var best = variants.MaxBy(v => v.Variant.PeakBitsPerSecond);
            if (best.Audio is { } group && separateAudio.Contains(group))
            {
                throw Refused(url, "its best variant plays its sound from a separate audio playlist, which cannot be joined in");
            }

            return (null, best.Variant);
        }

        if (parts.Count == 0)
        {
            throw Refused(url, "it lists no segments");
        }

        if (!ended)
        {
            throw Refused(url, "it is a live playlist still growing (no #EXT-X-ENDLIST); import it once the stream has ended and its recording is complete");
        }

        return (new HlsPlaylist(init is null ? parts : [init, .. parts], init is not null, duration, starts), null);
    }

    /// <summary>
    /// A segment whose sound Twitch muted (copyrighted music found in it): its VOD playlists name it "…-muted.ts".
    /// </summary>
    public static bool IsMuted(Uri segment) => segment.AbsolutePath.EndsWith(MutedSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where Twitch keeps the muted copy of a segment its playlist still names "…-unmuted.ts": archived playlists keep
    /// that name when the unmuted file is no longer served (403 or 404), and every Twitch downloader falls back to it.
    /// </summary>
    public static Uri? MutedCopy(Uri segment)
    {
        if (!segment.AbsolutePath.EndsWith(UnmutedSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = segment.AbsolutePath;
        return new UriBuilder(segment) { Path = path[..^UnmutedSuffix.Length] + MutedSuffix }.Uri;
    }

    /// <summary>The seconds of the recording segment <paramref name="index"/> (0 is the first segment, not an init section) plays.</summary>
    public (double Start, double End) Span(int index) =>
        (Starts[index], index + 1 < Starts.Count ? Starts[index + 1] : DurationSeconds);

    private const string MutedSuffix = "-muted.ts";
    private const string UnmutedSuffix = "-unmuted.ts";

    private static async Task<string> ReadTextAsync(UrlDownload download, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await download.Content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxPlaylistBytes)
            {
                throw Refused(download.FinalUrl, $"the playlist is over {ByteSize.Format(MaxPlaylistBytes)}");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Uri Resolve(Uri playlist, string reference) =>
        Uri.TryCreate(playlist, reference, out var resolved) && resolved.IsHttp()
            ? resolved
            : throw Refused(playlist, $"'{Strings.Shorten(reference, 100)}' in it is not an http(s) URL of a segment or playlist");

    private static long? BitsPerSecond(Dictionary<string, string> attributes, string name) =>
        long.TryParse(attributes.GetValueOrDefault(name), CultureInfo.InvariantCulture, out var bits) ? bits : null;

    private static Dictionary<string, string> Attributes(string list) =>
        AttributePattern().Matches(list).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'), StringComparer.Ordinal);

    private static VideoImportException Refused(Uri url, string why) => new($"'{UrlDownloader.Show(url)}' was refused: {why}.");

    /// <summary>NAME=value pairs, a quoted value holding commas (RFC 8216 4.2).</summary>
    [GeneratedRegex("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)")]
    private static partial Regex AttributePattern();
}

/// <summary>A master playlist's variant: where its media playlist is, and its rates (RFC 8216 4.3.4.2).</summary>
/// <param name="PeakBitsPerSecond">BANDWIDTH: the most any segment's rate reaches.</param>
/// <param name="AverageBitsPerSecond">AVERAGE-BANDWIDTH, when given.</param>
public sealed record HlsVariant(Uri Url, long PeakBitsPerSecond, long? AverageBitsPerSecond);
