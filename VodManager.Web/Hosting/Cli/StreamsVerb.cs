using System.CommandLine;
using System.Globalization;
using VodManager.Core;
using VodManager.Core.Streams;

namespace VodManager.Web.Hosting.Cli;

/// <summary>
/// `streams list | create | delete`: the account's streams. `list` prints one tab-separated line per stream (id,
/// start, length in seconds, status, channel, title); `create` prints the new id; `delete` what went.
/// </summary>
public sealed class StreamsVerb : ICliVerb
{
    public string Name => "streams";

    public Command Build(CliContext cli) =>
        new(Name, "List, create or delete the account's streams.") { List(cli), Create(cli), Delete(cli) };

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
}
