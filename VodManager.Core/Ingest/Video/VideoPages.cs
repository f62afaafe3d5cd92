namespace VodManager.Core.Ingest.Video;

/// <summary>
/// The watch pages of the platforms streams are on: the address an editor copies from the browser's bar, which is a web
/// page and not the video. Named before anything is fetched (the platform may answer a fetch with a consent page, a
/// 403 or a 429, which would say nothing of the mistake), with how to get the video instead.
/// </summary>
public static class VideoPages
{
    private static readonly (string[] Hosts, string Platform, string Instead)[] Platforms =
    [
        (["twitch.tv", "www.twitch.tv", "m.twitch.tv", "clips.twitch.tv"], "Twitch",
            "give the VOD's .m3u8 playlist (an address ending in index-dvr.m3u8, shown in the browser's network tab while the VOD plays), or download the VOD with TwitchDownloader or yt-dlp and import the file"),
        (["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be"], "YouTube",
            "YouTube gives no video file by address: download it with yt-dlp and import the file"),
        (["kick.com", "www.kick.com"], "Kick",
            "give the VOD's .m3u8 playlist, or download it with yt-dlp and import the file"),
    ];

    /// <summary>Why <paramref name="url"/> cannot be imported when it is a platform's page, or null.</summary>
    public static string? Refusal(Uri url)
    {
        var host = url.IsAbsoluteUri ? url.IdnHost.TrimEnd('.') : "";
        var (_, platform, instead) = Platforms.FirstOrDefault(p => p.Hosts.Contains(host, StringComparer.OrdinalIgnoreCase));
        return platform is null ? null : $"'{UrlDownloader.Show(url)}' is a {platform} page, not its video: {instead}.";
    }

    /// <summary>Throws <see cref="VideoImportException"/> when <paramref name="url"/> is a platform's page.</summary>
    public static void Check(Uri url)
    {
        if (Refusal(url) is { } refusal)
        {
            throw new VideoImportException(refusal);
        }
    }
}
