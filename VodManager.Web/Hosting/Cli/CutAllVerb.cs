using System.CommandLine;
using VodManager.Core.Cutting;

namespace VodManager.Web.Hosting.Cli;

/// <summary>`cut-all --stream ID [--mode copy|precise|smart] [--account A]`: cuts every uncut highlight of a stream now.</summary>
public sealed class CutAllVerb : ICliVerb
{
    public string Name => "cut-all";

    public Command Build(CliContext cli)
    {
        var stream = new Option<int>("--stream") { Description = "The stream whose highlights to cut.", Required = true };
        var mode = CutVerbs.ModeOption();
        var account = CliContext.AccountOption();
        var command = new Command(Name, "Cut every highlight of a stream that has no clip yet (one batch: the source opened once).") { stream, mode, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var streamId = parse.GetValue(stream);
            var cuts = cli.Services.GetRequiredService<CutJobs>();
            using var _ = cli.ShowProgress();
            List<int> ids;
            try
            {
                ids = await cuts.UncutHighlightIdsAsync(accountId, streamId, cancellationToken);
                await cuts.CutAllAsync(accountId, streamId, parse.GetValue(mode), CliContext.Actor, cancellationToken);
            }
            catch (CutException e)
            {
                throw new CliException(e.Message);
            }

            return await CutVerbs.PrintAsync(cli, accountId, ids, cancellationToken);
        });
        return command;
    }
}
