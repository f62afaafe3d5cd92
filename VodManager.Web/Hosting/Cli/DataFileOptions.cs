using System.CommandLine;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;

namespace VodManager.Web.Hosting.Cli;

/// <summary>The `--chat`, `--events` and `--transcript` options of `import` and `analyze`, and the files they name.</summary>
public sealed record DataFileOptions(Option<string?> Chat, Option<string?> Events, Option<string?> Transcript)
{
    public static DataFileOptions Create() => new(
        new Option<string?>("--chat") { Description = "A chat log: TwitchDownloader or chat-downloader JSON (.json or .json.gz), a Chatterino log, or plain \"[hh:mm:ss] user: text\" lines (also \"[yyyy-MM-dd hh:mm:ss UTC]\", counted from the stream's start)." },
        new Option<string?>("--events") { Description = "Events as JSON lines (EventSub types or raid, gift_subs, hype_train, cheer, sub, redemption, at offset_seconds), or EventSub WebSocket messages timed from the stream's start." },
        new Option<string?>("--transcript") { Description = "A WebVTT, SRT or Whisper JSON transcript." });

    /// <summary>The files given, transcript and chat before events, so detection starts once, when all are in.</summary>
    public IReadOnlyList<(IngestKind Kind, string Path)> Files(ParseResult parse) =>
        new[] { (Transcript, IngestKind.Transcript), (Chat, IngestKind.Chat), (Events, IngestKind.Events) }
            .Where(o => parse.GetValue(o.Item1) is not null)
            .Select(o => (o.Item2, Path.GetFullPath(parse.GetValue(o.Item1)!)))
            .ToList();

    /// <summary>The files given, for a stream made from them (a video URL stays a URL).</summary>
    public NewStreamFiles NewStream(ParseResult parse, string? video) => new(
        FullPath(parse.GetValue(Chat)),
        FullPath(parse.GetValue(Events)),
        FullPath(parse.GetValue(Transcript)),
        video is not null && Uri.TryCreate(video, UriKind.Absolute, out var url) && !url.IsFile ? video : FullPath(video));

    private static string? FullPath(string? path) => path is null ? null : Path.GetFullPath(path);
}
