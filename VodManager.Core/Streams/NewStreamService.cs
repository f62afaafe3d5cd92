using System.Text.RegularExpressions;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;

namespace VodManager.Core.Streams;

/// <summary>
/// A stream made from its files in one step: every file is checked whole before anything is created (a bad file leaves
/// no stream behind), the title, channel, start and length come from what the files say unless the editor said
/// otherwise, and then the imports start as jobs, video first, with detection once the chat is in. When the queue runs
/// jobs while we wait (the CLI) and the first import fails, the stream goes again.
/// </summary>
public sealed partial class NewStreamService(
    IngestService ingest,
    VideoImportService videos,
    StreamManager streams,
    ImportJobs imports,
    IJobQueue jobs,
    TimeProvider time)
{
    /// <summary>Checks every file as its import would and returns what they say about the stream; the chat is read once for both.</summary>
    public async Task<InspectedFiles> InspectAsync(NewStreamFiles files, CancellationToken cancellationToken)
    {
        double? videoSeconds = null;
        if (files.Video is { } video && files.VideoUrl is null)
        {
            videoSeconds = (await videos.CheckServerFileAsync(video, cancellationToken)).DurationSeconds;
        }
        else if (files.VideoUrl is { } url && !url.IsHttp())
        {
            throw new VideoImportException($"'{url.Scheme}:' URLs cannot be imported; give an http(s) URL or a file path.");
        }
        else if (files.VideoUrl is { } page)
        {
            VideoPages.Check(page);
        }

        var fromChat = StreamMetadata.Empty;
        var fromEvents = StreamMetadata.Empty;
        foreach (var (kind, path) in DataFiles(files))
        {
            if (kind == IngestKind.Chat)
            {
                fromChat = await ingest.ValidateChatAsync(path, cancellationToken);
            }
            else if (kind == IngestKind.Events)
            {
                // The chat comes before the events: their EventSub times are checked against its start.
                fromEvents = await ingest.ValidateEventsAsync(path, videoSeconds, fromChat.StartedAt, cancellationToken);
            }
            else
            {
                await ingest.ValidateAsync(kind, path, videoSeconds, cancellationToken);
            }
        }

        var named = files.Named ?? files.Chat ?? files.Video ?? files.Transcript ?? files.Events;
        var title = named is null ? null : FileTitle(named);
        var byName = new StreamMetadata(title, title is null ? null : FileChannel(title), null, null);
        return new InspectedFiles(files, new StreamMetadata(null, null, null, videoSeconds).Or(fromChat).Or(fromEvents).Or(byName));
    }

    /// <summary>Inspects <paramref name="files"/> and creates the stream from them (see the other overload).</summary>
    public async Task<int> CreateAsync(int accountId, NewStreamFiles files, StreamMetadata given, string actor, bool deleteWhenDone, CancellationToken cancellationToken) =>
        await CreateAsync(accountId, await InspectAsync(files, cancellationToken), given, actor, deleteWhenDone, cancellationToken);

    /// <summary>
    /// Creates the stream from <paramref name="inspected"/> files, with what the editor typed in <paramref name="given"/>
    /// taking precedence over what the files say, and starts the imports. Returns the new stream's id.
    /// </summary>
    /// <param name="deleteWhenDone">The data files are temporary copies (uploads): their import jobs remove them.</param>
    public async Task<int> CreateAsync(int accountId, InspectedFiles inspected, StreamMetadata given, string actor, bool deleteWhenDone, CancellationToken cancellationToken)
    {
        var files = inspected.Files;
        var said = given.Or(inspected.Said);
        var details = StreamDetails.Made(
            said.Title ?? "",
            said.Channel ?? throw new StreamException("The files do not name the channel; give it."),
            said.StartedAt,
            said.DurationSeconds,
            time.GetUtcNow().UtcDateTime);
        var streamId = await streams.CreateAsync(accountId, details, cancellationToken);
        try
        {
            foreach (var request in Requests(accountId, streamId, files, actor, deleteWhenDone))
            {
                await (request is ImportFileRequest file ? imports.EnqueueFileAsync(file, cancellationToken) : jobs.EnqueueAsync(request, cancellationToken));
            }
        }
        catch (JobFailedException)
        {
            await streams.DeleteAsync(accountId, streamId, CancellationToken.None);
            throw;
        }

        return streamId;
    }

    /// <summary>The video first (its length bounds events and cues), then transcript, chat and events; detection follows chat.</summary>
    private static IEnumerable<JobRequest> Requests(int accountId, int streamId, NewStreamFiles files, string actor, bool deleteWhenDone)
    {
        if (files.VideoUrl is { } url)
        {
            yield return new ImportVideoUrlRequest { AccountId = accountId, StreamId = streamId, Url = url, RequestedBy = actor };
        }
        else if (files.Video is { } video)
        {
            yield return new ImportVideoRequest { AccountId = accountId, StreamId = streamId, Path = video, RequestedBy = actor };
        }

        var data = DataFiles(files).ToList();
        foreach (var (kind, path) in data)
        {
            yield return new ImportFileRequest
            {
                AccountId = accountId,
                StreamId = streamId,
                DataKind = kind,
                Path = path,
                DeleteWhenDone = deleteWhenDone,
                RequestedBy = actor,

                // Chat comes after the transcript and before events: whichever of chat and events lands last sees both in.
                StartDetection = kind == data[^1].Kind,
                VideoFollows = files.VideoFollows,
            };
        }
    }

    private static IEnumerable<(IngestKind Kind, string Path)> DataFiles(NewStreamFiles files) =>
        new[] { (IngestKind.Transcript, files.Transcript), (IngestKind.Chat, files.Chat), (IngestKind.Events, files.Events) }
            .Where(f => f.Item2 is not null)
            .Select(f => (f.Item1, f.Item2!));

    /// <summary>
    /// "my_vod.json.gz" → "my_vod", and yt-dlp's "Friday stream [dQw4w9WgXcQ].live_chat.json" (its default name, the
    /// video's id in brackets) → "Friday stream": a last resort when no file names the broadcast.
    /// </summary>
    private static string FileTitle(string path)
    {
        var name = Uri.TryCreate(path, UriKind.Absolute, out var url) && !url.IsFile ? Path.GetFileName(url.LocalPath) : Path.GetFileName(path);
        while (Path.HasExtension(name) && Path.GetFileNameWithoutExtension(name).Length > 0)
        {
            name = Path.GetFileNameWithoutExtension(name);
        }

        name = YtDlpVideoId().Replace(name, "");
        return name.Length > 0 ? name : "New stream";
    }

    /// <summary>"liihs-2026-12-01" → "liihs": Chatterino names a log by its channel and date (or stream id); a last resort too.</summary>
    private static string? FileChannel(string title) => ChannelLogName().Match(title) is { Success: true } match ? match.Groups["channel"].Value : null;

    [GeneratedRegex(@"^(?<channel>[A-Za-z0-9_]{3,25})-(?:\d{4}-\d{2}-\d{2}|\d{9,})$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelLogName();

    /// <summary>The " [id]" yt-dlp puts after the title: a YouTube video's 11 characters, a Twitch VOD's "v" and digits.</summary>
    [GeneratedRegex(@"(?<=\S)\s\[(?:[A-Za-z0-9_-]{11}|v\d{6,})\]$", RegexOptions.CultureInvariant)]
    private static partial Regex YtDlpVideoId();
}
