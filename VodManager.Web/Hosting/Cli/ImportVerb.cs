using System.CommandLine;
using VodManager.Core;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;

namespace VodManager.Web.Hosting.Cli;

/// <summary>
/// `import --stream ID [--video PATH|URL] [--chat F] [--events F] [--transcript F]`: stores a source video (or a
/// platform highlight) and the stream's chat, events and transcript. With `--new-stream` instead of `--stream` the
/// stream is made from the files (title, channel and start from the chat, length from the video, unless given) and
/// its id printed; a bad file is refused before the stream exists, and a failed import takes the stream away again.
/// </summary>
public sealed class ImportVerb : ICliVerb
{
    public string Name => "import";

    public Command Build(CliContext cli)
    {
        var stream = new Option<int?>("--stream") { Description = "The stream to import into." };
        var newStream = new Option<bool>("--new-stream") { Description = "Make a new stream from the files instead (prints its id)." };
        var details = StreamDetailOptions.Create();
        var video = new Option<string?>("--video") { Description = "A video file under Import:Roots, or an http(s) URL." };
        var platformHighlight = new Option<bool>("--platform-highlight") { Description = "Store the video as a platform highlight (listed, never cut) instead of the source." };
        var account = CliContext.AccountOption();
        var data = DataFileOptions.Create();
        var command = new Command(Name, "Import a stream's files.") { stream, newStream, video, platformHighlight, account, data.Chat, data.Events, data.Transcript, details.Title, details.Channel, details.StartedAt };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(newStream) == parse.GetValue(stream).HasValue)
            {
                throw new CliException("Give either --stream ID (an existing stream) or --new-stream.");
            }

            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            if (parse.GetValue(newStream))
            {
                return await ImportNewStreamAsync(cli, accountId, data.NewStream(parse, parse.GetValue(video)), details.Given(parse), parse.GetValue(platformHighlight), cancellationToken);
            }

            if (details.Given(parse) != StreamMetadata.Empty)
            {
                throw new CliException("--title, --channel and --started-at describe a new stream; with --stream, use the editor to rename it.");
            }

            var streamId = parse.GetValue(stream)!.Value;
            var files = data.Files(parse);
            if (parse.GetValue(video) is null && files.Count == 0)
            {
                throw new CliException("Nothing to import: give --video, --chat, --events or --transcript.");
            }

            using var _ = cli.ShowProgress();
            var imports = cli.Services.GetRequiredService<ImportJobs>();
            if (parse.GetValue(video) is { } source)
            {
                await StreamDetailOptions.RefusalsAsCliErrors(() => ImportVideoAsync(imports, accountId, streamId, source, parse.GetValue(platformHighlight), cancellationToken));
            }

            foreach (var (kind, path) in files)
            {
                var last = kind == files[^1].Kind;
                await StreamDetailOptions.RefusalsAsCliErrors(() => imports.ImportFileAsync(accountId, streamId, kind, path, deleteWhenDone: false, last, CliContext.Actor, cancellationToken));
            }

            return 0;
        });
        return command;
    }

    private static async Task<int> ImportNewStreamAsync(CliContext cli, int accountId, NewStreamFiles files, StreamMetadata given, bool platformHighlight, CancellationToken cancellationToken)
    {
        if (!files.Any)
        {
            throw new CliException("Nothing to make a stream from: give --video, --chat, --events or --transcript.");
        }

        if (platformHighlight)
        {
            throw new CliException("A platform highlight cannot start a new stream; import it into one with --stream.");
        }

        using var _ = cli.ShowProgress();
        var newStreams = cli.Services.GetRequiredService<NewStreamService>();
        var inspected = await StreamDetailOptions.RefusalsAsCliErrors(() => newStreams.InspectAsync(files, cancellationToken));
        if (given.Or(inspected.Said).Channel is null)
        {
            // Only a chat log names its channel; the service's own refusal cannot say which option gives it here.
            throw new CliException("The files do not name the channel; give it with --channel NAME.");
        }

        var id = await StreamDetailOptions.RefusalsAsCliErrors(() =>
            newStreams.CreateAsync(accountId, inspected, given, CliContext.Actor, deleteWhenDone: false, cancellationToken));
        await cli.Out.WriteLineAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    }

    private static Task<Guid> ImportVideoAsync(ImportJobs imports, int accountId, int streamId, string source, bool platformHighlight, CancellationToken cancellationToken)
    {
        var kind = platformHighlight ? ImportedVideoKind.PlatformHighlight : ImportedVideoKind.Archive;
        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && !url.IsFile)
        {
            return url.IsHttp()
                ? imports.ImportVideoUrlAsync(accountId, streamId, kind, url, CliContext.Actor, cancellationToken)
                : throw new CliException($"'{url.Scheme}:' URLs cannot be imported; give an http(s) URL or a file path.");
        }

        return imports.ImportVideoAsync(accountId, streamId, kind, Path.GetFullPath(source), CliContext.Actor, cancellationToken);
    }
}
