using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// A finished HLS recording (RFC 8216) a URL import was given: a Twitch VOD's playlist, a streaming server's archive.
/// The importer fetches its segments itself, one after another through <see cref="UrlDownloader"/> (so each passes
/// the same address checks as the playlist), and stores them joined: MPEG-TS segments make one MPEG-TS file, fMP4
/// ones after their init section one fragmented MP4. Where the recording's timestamps restart (an
/// #EXT-X-DISCONTINUITY, or a new init section: the broadcaster's connection dropped and came back) a new run begins,
/// each fMP4 run after its own init section, so each run is a file of its own within the joined bytes, which the
/// import then joins on the playlist's timeline (<see cref="Runs"/>). A master playlist's best variant is taken. Segments
/// that are byte ranges of one larger file (#EXT-X-BYTERANGE: ffmpeg's single-file HLS, some fMP4 archives) are each
/// fetched as their range. What cannot be joined that way (encrypted segments, audio in a playlist of its own, a live
/// playlist still growing) is refused naming why. Of a master's variants the best H.264 one is taken unless told otherwise (<see cref="Choose"/>).
/// </summary>
/// <param name="Parts">What is fetched, in playing order: every segment, each fMP4 run's init section before it.</param>
/// <param name="Fragmented">fMP4 segments: the joined file is an MP4, else MPEG-TS.</param>
/// <param name="Starts">Each segment's start in the recording, in seconds (by its #EXTINF durations).</param>
/// <param name="Runs">The part each run of continuous timestamps begins with: one, at 0, unless the recording restarted.</param>
public sealed partial record HlsPlaylist(IReadOnlyList<HlsPart> Parts, bool Fragmented, double DurationSeconds, IReadOnlyList<double> Starts, IReadOnlyList<int> Runs)
{
    /// <summary>The most a playlist may hold: a 24 h VOD in 2 s segments is about 4 MB with long signed URLs.</summary>
    public const int MaxPlaylistBytes = 8 * 1024 * 1024;

    /// <summary>How many segments it lists (its parts, less fMP4 init sections).</summary>
    public int Segments => Starts.Count;

    /// <summary>How long it plays, to the second, for messages.</summary>
    public TimeSpan Length => TimeSpan.FromSeconds(Math.Round(DurationSeconds));

    /// <summary>What the master said of the variant taken (none for a media playlist given directly).</summary>
    public HlsVariant? Variant { get; init; }

    /// <summary>
    /// The other variant <see cref="Choose"/> weighed against <see cref="Variant"/>: a better one passed over for a
    /// codec that plays in fewer browsers, or an H.264 one passed over for too few lines.
    /// </summary>
    public HlsVariant? PassedOver { get; init; }

    /// <summary>
    /// What the editor should know of the variant taken, e.g. "; the 1920x1080 H.264 variant was taken, not the
    /// 2560x1440 HEVC one: …", or "" when there was no choice to make.
    /// </summary>
    public string Note() => (Variant, PassedOver) switch
    {
        ({ H264: true } taken, { } passed) =>
            $"; the {taken.Describe()} variant was taken, not the {passed.Describe()} one: H.264 plays in every browser and smart cuts copy most of it (setting {VideoImportOptions.Section}:HlsPreferH264=false takes the highest)",
        ({ } taken, { } passed) when passed.PeakBitsPerSecond > taken.PeakBitsPerSecond =>
            $"; the {taken.Describe()} variant was taken, not the {passed.Describe()} one: {taken.VideoCodec} plays in browsers without a hardware decoder, {passed.VideoCodec} does not (setting {VideoImportOptions.Section}:HlsPreferH264=false takes the highest)",
        ({ } taken, { } passed) =>
            $"; the {taken.Describe()} variant was taken, not the {passed.Describe()} one: too few lines for clips",
        _ => "",
    };

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
    /// <param name="preferH264">Take the best H.264 variant over a better one in another codec (see <see cref="Choose"/>).</param>
    public static async Task<HlsPlaylist> ReadAsync(UrlDownload download, UrlDownloader downloader, bool preferH264, CancellationToken cancellationToken)
    {
        var read = Parse(await ReadTextAsync(download, cancellationToken), download.FinalUrl, preferH264);
        if (read.Variant is not { } variant)
        {
            return read.Media!;
        }

        await using var media = await downloader.OpenAsync(variant.Url, cancellationToken);
        return (Parse(await ReadTextAsync(media, cancellationToken), media.FinalUrl, preferH264).Media
            ?? throw Refused(media.FinalUrl, "its variant is a master playlist again, where a list of segments was expected")) with { Variant = variant, PassedOver = read.PassedOver };
    }

    /// <summary>What a playlist's text says: a media playlist, or a master's chosen variant and any better one passed over.</summary>
    public static (HlsPlaylist? Media, HlsVariant? Variant, HlsVariant? PassedOver) Parse(string text, Uri url, bool preferH264 = true)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || lines[0] != "#EXTM3U")
        {
            throw new VideoImportException($"'{UrlDownloader.Show(url)}' was refused: it is not an HLS playlist (it does not begin with #EXTM3U).");
        }

        var variants = new List<(HlsVariant Variant, string? Audio)>();
        var separateAudio = new HashSet<string>(StringComparer.Ordinal);
        var parts = new List<HlsPart>();
        var starts = new List<double>();
        var runs = new List<int>();
        var newRun = true;
        (Uri Url, HlsByteRange? Range)? init = null;
        HlsByteRange? range = null; // the next segment's, from its #EXT-X-BYTERANGE
        (Uri Url, long End)? lastRange = null; // where the last byte-range segment ended, which a range without a start follows
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
                    variants.Add((new HlsVariant(target, BitsPerSecond(streamInf, "BANDWIDTH") ?? 0, BitsPerSecond(streamInf, "AVERAGE-BANDWIDTH"),
                        streamInf.GetValueOrDefault("CODECS"), streamInf.GetValueOrDefault("RESOLUTION"), streamInf.GetValueOrDefault("VIDEO")), streamInf.GetValueOrDefault("AUDIO")));
                    streamInf = null;
                }
                else
                {
                    if (newRun)
                    {
                        runs.Add(parts.Count);
                        if (init is { } section)
                        {
                            parts.Add(new HlsPart(section.Url, starts.Count, Init: true, section.Range));
                        }

                        newRun = false;
                    }

                    var placed = range is { Offset: < 0 } following
                        ? lastRange is { } last && last.Url == target
                            ? following with { Offset = last.End }
                            : throw Refused(url, $"a byte range of '{Strings.Shorten(line, 100)}' gives no start and does not follow a range of the same file")
                        : range;
                    lastRange = placed is { } r ? (target, r.Offset + r.Length) : null;
                    range = null;
                    parts.Add(new HlsPart(target, starts.Count, Init: false, placed));
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
                    range = ByteRange(url, value, startless: -1);
                    break;
                case "#EXT-X-MAP":
                    var map = Attributes(value);
                    var section = (Resolve(url, map.GetValueOrDefault("URI") ?? throw Refused(url, "an #EXT-X-MAP names no URI")),
                        map.GetValueOrDefault("BYTERANGE") is { } mapRange ? ByteRange(url, mapRange, startless: 0) : (HlsByteRange?)null);
                    if (init is null && starts.Count > 0)
                    {
                        throw Refused(url, "its segments change from MPEG-TS to fMP4 part-way, so they do not join into one file");
                    }

                    // A new init section is a new run (the encoder started again); the same one repeated after a discontinuity changes nothing more.
                    newRun |= section != init;
                    init = section;
                    break;
                case "#EXT-X-DISCONTINUITY":
                    newRun = true;
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
            var (chosen, passedOver) = Choose(variants.Select(v => v.Variant).ToList(), preferH264);
            if (variants.First(v => v.Variant == chosen).Audio is { } group && separateAudio.Contains(group))
            {
                throw Refused(url, "its best variant plays its sound from a separate audio playlist, which cannot be joined in");
            }

            return (null, chosen, passedOver);
        }

        if (parts.Count == 0)
        {
            throw Refused(url, "it lists no segments");
        }

        if (!ended)
        {
            throw Refused(url, "it is a live playlist still growing (no #EXT-X-ENDLIST); import it once the stream has ended and its recording is complete");
        }

        return (new HlsPlaylist(parts, init is not null, duration, starts, runs), null, null);
    }

    /// <summary>
    /// The variant to import: the most bits a second among those with a picture (an audio-only one is never taken
    /// over one with video), and with <paramref name="preferH264"/> among the H.264 ones first (one whose CODECS say
    /// nothing of its video counts as H.264). A Twitch channel on Enhanced Broadcasting lists its source as HEVC or AV1
    /// above H.264 renditions: HEVC has no picture in Chromium without a hardware decoder, so the editor would need a
    /// browser copy (a re-encode of the whole VOD) before anyone sees it, and a smart cut re-encodes a clip it would
    /// otherwise mostly copy. But not an H.264 one too small for clips (a channel without transcodes that uploads AV1
    /// beside a 480p H.264 fallback): one under <see cref="ClipLines"/> lines and under three quarters of the best's
    /// (1080 against 1440 is taken, 720 against 1440 or 480 against 1080 is not; a vertical clip crops a third of the
    /// width and blows it up to 1920 lines). Then, over an HEVC best, the best AV1 or VP9 one with lines enough, which
    /// browsers decode without hardware. Returns also the other variant weighed, if any.
    /// </summary>
    public static (HlsVariant Chosen, HlsVariant? PassedOver) Choose(IReadOnlyList<HlsVariant> variants, bool preferH264)
    {
        var best = variants.OrderBy(v => v.AudioOnly).ThenByDescending(v => v.PeakBitsPerSecond).First();
        if (!preferH264 || best.AudioOnly || best.H264)
        {
            return (best, null);
        }

        var pictures = variants.Where(v => !v.AudioOnly).ToList();
        var h264 = pictures.Where(v => v.H264).MaxBy(v => v.PeakBitsPerSecond);
        if (h264 is not null && LinesEnough(h264, best))
        {
            return (h264, best);
        }

        var playable = best.SoftwareDecodable ? null : pictures.Where(v => v.SoftwareDecodable && LinesEnough(v, best)).MaxBy(v => v.PeakBitsPerSecond);
        return playable is not null ? (playable, best) : (best, h264);
    }

    /// <summary>Whether <paramref name="variant"/> has lines enough for clips against <paramref name="best"/> (unknown: yes).</summary>
    private static bool LinesEnough(HlsVariant variant, HlsVariant best) =>
        variant.Lines is not { } lines || best.Lines is not { } most || lines >= Math.Min(ClipLines, 0.75 * most);

    /// <summary>Lines of picture an H.264 variant taken over a better one in another codec may always have (1080p).</summary>
    public const int ClipLines = 1080;

    /// <summary>
    /// A segment whose sound Twitch muted (copyrighted music found in it): its VOD playlists name it "…-muted.ts",
    /// and an fMP4 VOD's segment the same way ("…-muted.mp4").
    /// </summary>
    public static bool IsMuted(Uri segment) => Path.GetFileNameWithoutExtension(segment.AbsolutePath).EndsWith(MutedMark, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where Twitch keeps the muted copy of a segment its playlist still names "…-unmuted.ts" (or .mp4): archived
    /// playlists keep that name when the unmuted file is no longer served (403 or 404), and every Twitch downloader
    /// falls back to it.
    /// </summary>
    public static Uri? MutedCopy(Uri segment)
    {
        var extension = Path.GetExtension(segment.AbsolutePath);
        var stem = segment.AbsolutePath[..^extension.Length];
        return stem.EndsWith(UnmutedMark, StringComparison.OrdinalIgnoreCase)
            ? new UriBuilder(segment) { Path = stem[..^UnmutedMark.Length] + MutedMark + extension }.Uri
            : null;
    }

    /// <summary>
    /// What names this playlist's content for a resumed read: a hash of its parts' addresses (without their queries,
    /// which may hold tokens that expire), byte ranges and lengths.
    /// </summary>
    public string Fingerprint()
    {
        var text = new StringBuilder();
        foreach (var part in Parts)
        {
            text.Append(CultureInfo.InvariantCulture, $"{UrlDownloader.Show(part.Url)} {part.Range?.Offset}+{part.Range?.Length} {part.Init}\n");
        }

        text.AppendJoin(' ', Starts.Select(s => s.ToString("R", CultureInfo.InvariantCulture))).Append(CultureInfo.InvariantCulture, $" {DurationSeconds:R}");
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The seconds of the recording segment <paramref name="index"/> (0 is the first segment, not an init section) plays.</summary>
    public (double Start, double End) Span(int index) =>
        (Starts[index], index + 1 < Starts.Count ? Starts[index + 1] : DurationSeconds);

    /// <summary>Where run <paramref name="run"/> starts and how long it plays by the playlist, in seconds.</summary>
    public (double Start, double Seconds) RunSpan(int run)
    {
        var start = Starts[Parts[Runs[run]].Segment];
        return (start, (run + 1 < Runs.Count ? Starts[Parts[Runs[run + 1]].Segment] : DurationSeconds) - start);
    }

    private const string MutedMark = "-muted";
    private const string UnmutedMark = "-unmuted";

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

    /// <summary>"n[@o]": n bytes from byte o (RFC 8216 4.3.2.2); without o, from <paramref name="startless"/>.</summary>
    private static HlsByteRange ByteRange(Uri url, string value, long startless)
    {
        var at = value.IndexOf('@');
        return long.TryParse(at < 0 ? value : value[..at], NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > 0
            && (at < 0 || long.TryParse(value[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out startless))
            ? new HlsByteRange(startless, length)
            : throw Refused(url, $"'{Strings.Shorten(value, 40)}' is not a byte range (length[@start])");
    }

    private static long? BitsPerSecond(Dictionary<string, string> attributes, string name) =>
        long.TryParse(attributes.GetValueOrDefault(name), CultureInfo.InvariantCulture, out var bits) ? bits : null;

    private static Dictionary<string, string> Attributes(string list) =>
        AttributePattern().Matches(list).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'), StringComparer.Ordinal);

    private static VideoImportException Refused(Uri url, string why) => new($"'{UrlDownloader.Show(url)}' was refused: {why}.");

    /// <summary>NAME=value pairs, a quoted value holding commas (RFC 8216 4.2).</summary>
    [GeneratedRegex("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)")]
    private static partial Regex AttributePattern();
}

/// <summary>One fetch of a media playlist's: a segment, or the init section of the fMP4 run that segment begins.</summary>
/// <param name="Segment">The segment's index (0 is the first), or for an init section the segment after it.</param>
/// <param name="Range">The bytes of <paramref name="Url"/> it is, when the playlist gave a byte range; else the whole file.</param>
public sealed record HlsPart(Uri Url, int Segment, bool Init, HlsByteRange? Range = null);

/// <summary><paramref name="Length"/> bytes of a file from byte <paramref name="Offset"/> (#EXT-X-BYTERANGE).</summary>
public readonly record struct HlsByteRange(long Offset, long Length)
{
    /// <summary>The last byte, as an HTTP Range header counts it.</summary>
    public long Last => Offset + Length - 1;
}

/// <summary>A master playlist's variant: where its media playlist is, its rates and what it holds (RFC 8216 4.3.4.2).</summary>
/// <param name="PeakBitsPerSecond">BANDWIDTH: the most any segment's rate reaches.</param>
/// <param name="AverageBitsPerSecond">AVERAGE-BANDWIDTH, when given.</param>
/// <param name="Codecs">CODECS, e.g. "avc1.64002A,mp4a.40.2" (RFC 6381), when given.</param>
/// <param name="Resolution">RESOLUTION, e.g. "1920x1080", when given.</param>
/// <param name="Name">Its VIDEO group, Twitch's name for the quality ("chunked" for the source, "720p60", "audio_only").</param>
public sealed record HlsVariant(Uri Url, long PeakBitsPerSecond, long? AverageBitsPerSecond, string? Codecs = null, string? Resolution = null, string? Name = null)
{
    /// <summary>Its video codec by CODECS' sample entry names ("H.264", "HEVC", "AV1", "VP9", "VP8"), or null when CODECS names none.</summary>
    public string? VideoCodec => Entries.Select(e => e.Split('.')[0].ToLowerInvariant() switch
    {
        "avc1" or "avc3" => "H.264",
        "hvc1" or "hev1" or "dvh1" or "dvhe" => "HEVC",
        "av01" or "dav1" => "AV1",
        "vp09" => "VP9",
        "vp08" or "vp8" => "VP8",
        _ => null,
    }).FirstOrDefault(c => c is not null);

    /// <summary>H.264 by its CODECS, or CODECS naming no video codec we know (a master need not give it).</summary>
    public bool H264 => VideoCodec is null or "H.264";

    /// <summary>AV1, VP9 or VP8: besides H.264, what every current browser decodes without a hardware decoder (HEVC is not).</summary>
    public bool SoftwareDecodable => VideoCodec is "AV1" or "VP9" or "VP8";

    /// <summary>Sound alone: Twitch's "audio_only" quality, or CODECS naming only audio codecs.</summary>
    public bool AudioOnly => string.Equals(Name, "audio_only", StringComparison.OrdinalIgnoreCase)
        || (Entries.Length > 0 && Entries.All(e => e.Split('.')[0].ToLowerInvariant() is "mp4a" or "ac-3" or "ec-3" or "opus" or "flac" or "alac"));

    /// <summary>Its picture's height by RESOLUTION, when given.</summary>
    public int? Lines => Resolution?.Split('x') is [_, var height] && int.TryParse(height, CultureInfo.InvariantCulture, out var lines) ? lines : null;

    /// <summary>"2560x1440 HEVC" for messages: its resolution (else its name, else its playlist's file) and any codec CODECS names.</summary>
    public string Describe() => VideoCodec is { } codec ? $"{Resolution ?? Name ?? Url.Segments[^1]} {codec}" : Resolution ?? Name ?? Url.Segments[^1];

    private string[] Entries => (Codecs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
