using System.CommandLine;
using VodManager.Core.Cutting;

namespace VodManager.Web.Hosting.Cli;

/// <summary>`cut --highlight ID [--mode copy|precise|smart] [--anyway] [--account A]`: cuts one highlight now.</summary>
public sealed class CutVerb : ICliVerb
{
    public string Name => "cut";

    public Command Build(CliContext cli)
    {
        var highlight = new Option<int>("--highlight") { Description = "The highlight to cut.", Required = true };
        var mode = CutVerbs.ModeOption();
        var anyway = new Option<bool>("--anyway") { Description = "Create the clip even though refinement judged it not clipable (recorded as the operator's choice)." };
        var account = CliContext.AccountOption();
        var command = new Command(Name, "Cut one highlight into a clip.") { highlight, mode, anyway, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var id = parse.GetValue(highlight);
            using var _ = cli.ShowProgress();
            try
            {
                await cli.Services.GetRequiredService<CutJobs>().CutAsync(accountId, id, parse.GetValue(mode), CliContext.Actor, parse.GetValue(anyway), cancellationToken);
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
