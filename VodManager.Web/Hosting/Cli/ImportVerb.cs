using System.CommandLine;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;

namespace VodManager.Web.Hosting.Cli;

/// <summary>`import --stream ID --video PATH`: stores a source video for a stream.</summary>
public sealed class ImportVerb : ICliVerb
{
    public string Name => "import";

    public Command Build(CliContext cli)
    {
        var stream = new Option<int>("--stream") { Description = "The stream to import into.", Required = true };
        var video = new Option<string?>("--video") { Description = "A video file on this machine." };
        var account = new Option<string?>("--account") { Description = "Account name or id (needed when there are several)." };
        var command = new Command(Name, "Import a stream's files.") { stream, video, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var streamId = parse.GetValue(stream);
            if (parse.GetValue(video) is not { } path)
            {
                throw new CliException("Nothing to import: give --video.");
            }

            using var _ = cli.ShowProgress();
            var queue = cli.Services.GetRequiredService<IJobQueue>();
            await queue.EnqueueAsync(new ImportVideoRequest { AccountId = accountId, StreamId = streamId, Path = Path.GetFullPath(path), RequestedBy = "cli" }, cancellationToken);
            return 0;
        });
        return command;
    }
}
