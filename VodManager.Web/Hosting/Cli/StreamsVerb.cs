using System.CommandLine;
using System.Globalization;
using VodManager.Core;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;

namespace VodManager.Web.Hosting.Cli;

/// <summary>
/// `streams list | create | delete | shift-chat`: the account's streams. `list` prints one tab-separated line per stream
/// (id, start, length in seconds, status, channel, title); `create` prints the new id; `delete` what went;
/// `shift-chat` what moved.
/// </summary>
public sealed class StreamsVerb : ICliVerb
{
    public string Name => "streams";

    public Command Build(CliContext cli) =>
        new(Name, "List, create or delete the account's streams, or move a stream's chat against its video.") { List(cli), Create(cli), Delete(cli), ShiftChat(cli) };

    private static Command List(CliContext cli)
    {
        var account = CliContext.AccountOption();
        var command = new Command("list", "One line per stream, newest first: id, start, length (s), status, channel, title.") { account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            foreach (var s in await cli.Services.GetRequiredService<StreamCatalog>().ListAsync(accountId, cancellationToken))
            {
                await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Id}\t{s.StartedAt:yyyy-MM-ddTHH:mm:ssZ}\t{s.DurationSeconds:0}\t{s.Status}\t{s.Channel}\t{s.Title}"));
            }

            return 0;
        });
        return command;
    }

    private static Command Create(CliContext cli)
    {
        var account = CliContext.AccountOption();
        var details = StreamDetailOptions.Create();
        details.Title.Required = true;
        details.Channel.Required = true;
        var command = new Command("create", "Create an empty stream; prints its id.") { details.Title, details.Channel, details.StartedAt, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var given = details.Given(parse);
            var now = cli.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var id = await StreamDetailOptions.RefusalsAsCliErrors(() => cli.Services.GetRequiredService<StreamManager>()
                .CreateAsync(accountId, StreamDetails.Made(given.Title!, given.Channel!, given.StartedAt, null, now), cancellationToken));
            await cli.Out.WriteLineAsync(id.ToString(CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }

    private static Command Delete(CliContext cli)
    {
        var account = CliContext.AccountOption();
        var stream = new Option<int>("--stream") { Description = "The stream to delete, with its videos, clips, exports, chat, events, transcript and highlights.", Required = true };
        var command = new Command("delete", "Delete a stream and everything it owns, freeing its space.") { stream, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var deleted = await StreamDetailOptions.RefusalsAsCliErrors(() => cli.Services.GetRequiredService<StreamManager>()
                .DeleteAsync(accountId, parse.GetValue(stream), cancellationToken));
            await cli.Out.WriteLineAsync($"deleted stream {deleted.StreamId} '{deleted.Title}': {deleted.Describe()}; {ByteSize.Format(deleted.Bytes)} freed");
            return 0;
        });
        return command;
    }

    private static Command ShiftChat(CliContext cli)
    {
        var account = CliContext.AccountOption();
        var stream = new Option<int>("--stream") { Description = "The stream whose chat and events move.", Required = true };
        var by = new Option<double>("--by") { Description = "Seconds to move them by: below 0 earlier (a chat running ahead), above 0 later.", Required = true };
        var from = new Option<double>("--from") { Description = "Move only what lies from this second of the video on (a reconnect); what a move earlier puts before it is left out. Default 0: all.", DefaultValueFactory = _ => 0 };
        var command = new Command("shift-chat", "Move a stream's chat and events against its video, then detect again; prints what moved.") { stream, by, from, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var moved = await StreamDetailOptions.RefusalsAsCliErrors(() => cli.Services.GetRequiredService<ChatShift>()
                .ShiftAsync(accountId, parse.GetValue(stream), parse.GetValue(from), parse.GetValue(by), CliContext.Actor, cancellationToken));
            await cli.Out.WriteLineAsync(moved.Describe());
            return 0;
        });
        return command;
    }
}
