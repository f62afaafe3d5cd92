using System.CommandLine;
using VodManager.Core.Cutting;

namespace VodManager.Web.Hosting.Cli;

/// <summary>`cut --highlight ID [--mode copy|precise|smart] [--anyway|--again] [--account A]`: cuts one highlight now.</summary>
public sealed class CutVerb : ICliVerb
{
    public string Name => "cut";

    public Command Build(CliContext cli)
    {
        var highlight = new Option<int>("--highlight") { Description = "The highlight to cut.", Required = true };
        var mode = CutVerbs.ModeOption();
        var anyway = new Option<bool>("--anyway") { Description = "Create the clip even though refinement judged it not clipable (recorded as the operator's choice)." };
        var again = new Option<bool>("--again") { Description = "Cut its bounds now in place of the clip it has (trimmed since): the clip stays until the new one is stored." };
        var account = CliContext.AccountOption();
        var command = new Command(Name, "Cut one highlight into a clip.") { highlight, mode, anyway, again, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var id = parse.GetValue(highlight);
            using var _ = cli.ShowProgress();
            try
            {
                var cuts = cli.Services.GetRequiredService<CutJobs>();
                await (parse.GetValue(again)
                    ? cuts.CutAgainAsync(accountId, id, parse.GetValue(mode), CliContext.Actor, cancellationToken)
                    : cuts.CutAsync(accountId, id, parse.GetValue(mode), CliContext.Actor, parse.GetValue(anyway), cancellationToken));
            }
            catch (CutException e)
            {
                throw new CliException(e.Message);
            }

            return await CutVerbs.PrintAsync(cli, accountId, [id], cancellationToken);
        });
        return command;
    }
}
