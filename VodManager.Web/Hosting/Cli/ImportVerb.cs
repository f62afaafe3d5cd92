using System.CommandLine;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;

namespace VodManager.Web.Hosting.Cli;

/// <summary>
/// `import --stream ID [--video PATH|URL] [--chat F] [--events F] [--transcript F]`: stores a source video (or a
/// platform highlight) and the stream's chat, events and transcript.
/// </summary>
public sealed class ImportVerb : ICliVerb
{
    public string Name => "import";

    public Command Build(CliContext cli)
    {
        var stream = new Option<int>("--stream") { Description = "The stream to import into.", Required = true };
        var video = new Option<string?>("--video") { Description = "A video file under Import:Roots, or an http(s) URL." };
        var platformHighlight = new Option<bool>("--platform-highlight") { Description = "Store the video as a platform highlight (listed, never cut) instead of the source." };
        var account = new Option<string?>("--account") { Description = "Account name or id (needed when there are several)." };
        var data = DataFileOptions.Create();
        var command = new Command(Name, "Import a stream's files.") { stream, video, platformHighlight, account, data.Chat, data.Events, data.Transcript };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var streamId = parse.GetValue(stream);
            var files = data.Requests(parse, accountId, streamId);
            if (parse.GetValue(video) is null && files.Count == 0)
            {
                throw new CliException("Nothing to import: give --video, --chat, --events or --transcript.");
            }

            using var _ = cli.ShowProgress();
            var queue = cli.Services.GetRequiredService<IJobQueue>();
            if (parse.GetValue(video) is { } source)
            {
                await queue.EnqueueAsync(VideoRequest(accountId, streamId, source, parse.GetValue(platformHighlight)), cancellationToken);
            }

            foreach (var request in files)
            {
                await queue.EnqueueAsync(request, cancellationToken);
            }

            return 0;
        });
        return command;
    }

    private static JobRequest VideoRequest(int accountId, int streamId, string source, bool platformHighlight)
    {
        var kind = platformHighlight ? ImportedVideoKind.PlatformHighlight : ImportedVideoKind.Archive;
        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && !url.IsFile)
        {
            return url.Scheme is "http" or "https"
                ? new ImportVideoUrlRequest { AccountId = accountId, StreamId = streamId, Url = url, VideoKind = kind, RequestedBy = CliContext.Actor }
                : throw new CliException($"'{url.Scheme}:' URLs cannot be imported; give an http(s) URL or a file path.");
        }

        return new ImportVideoRequest { AccountId = accountId, StreamId = streamId, Path = Path.GetFullPath(source), VideoKind = kind, RequestedBy = CliContext.Actor };
    }
}
