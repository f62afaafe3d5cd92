using System.CommandLine;
using VodManager.Core.Export;
using VodManager.Core.Jobs;

namespace VodManager.Web.Hosting.Cli;

/// <summary>`browser-copy --stream ID [--account A]`: the stream's source copied for browsers that cannot play it, now.</summary>
public sealed class BrowserCopyVerb : ICliVerb
{
    public string Name => "browser-copy";

    public Command Build(CliContext cli)
    {
        var stream = new Option<int>("--stream") { Description = "The stream whose source to copy.", Required = true };
        var account = CliContext.AccountOption();
        var command = new Command(Name, "Make a small H.264 copy of a stream's source for the editor's player (Export:BrowserCopy), once per source.") { stream, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var streamId = parse.GetValue(stream);
            Guid jobId;
            try
            {
                using var _ = cli.ShowProgress();
                jobId = await cli.Services.GetRequiredService<BrowserCopyJobs>().MakeAsync(accountId, streamId, CliContext.Actor, cancellationToken);
            }
            catch (BrowserCopyException e)
            {
                throw new CliException(e.Message);
            }

            await cli.Out.WriteLineAsync($"stream {streamId}: {await cli.Services.GetRequiredService<JobTracker>().MessageAsync(accountId, jobId, cancellationToken)}");
            return 0;
        });
        return command;
    }
}
