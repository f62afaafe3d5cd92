using System.CommandLine;
using System.Globalization;
using VodManager.Core.Accounts;
using VodManager.Core.Refinement;

namespace VodManager.Web.Hosting.Cli;

/// <summary>
/// `account show | set`: the account's name and refinement settings, as owners set them on the Settings page. `set`
/// changes only what it is given and prints the result as `show` does: one tab-separated setting and value a line.
/// </summary>
public sealed class AccountVerb : ICliVerb
{
    private const string None = "none";

    public string Name => "account";

    public Command Build(CliContext cli) =>
        new(Name, "Show or change the account's name and refinement settings (backend, refinement after each detection, caps).") { Show(cli), Set(cli) };

    private static Command Show(CliContext cli)
    {
        var account = CliContext.AccountOption();
        var command = new Command("show", "Print the name and refinement settings, one tab-separated setting and value a line.") { account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var settings = cli.Services.GetRequiredService<AccountRefinementSettings>();
            var name = await cli.Services.GetRequiredService<AccountNames>().GetAsync(accountId, cancellationToken);
            await PrintAsync(cli, name, settings, await settings.GetAsync(accountId, cancellationToken));
            return 0;
        });
        return command;
    }

    private static Command Set(CliContext cli)
    {
        var account = CliContext.AccountOption();
        var name = new Option<string?>("--name") { Description = "A new name for the account (1 to 200 characters)." };
        var backend = new Option<string?>("--refinement-backend") { Description = $"A backend (heuristic, mock, gemini) or '{None}' to turn refinement off." };
        var auto = new Option<bool?>("--auto-refine") { Description = "Refine new highlights after each detection (true or false)." };
        var perRun = new Option<int?>("--refinements-per-run") { Description = "The account's cap per run (at most Refinement:MaxPerRun)." };
        var perDay = new Option<int?>("--refinements-per-day") { Description = "The account's cap per UTC day (at most Refinement:MaxPerAccountPerDay)." };
        var command = new Command("set", "Change the given name or refinement settings; prints them all.") { name, backend, auto, perRun, perDay, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var names = cli.Services.GetRequiredService<AccountNames>();
            // Checked first, so a refused name leaves the settings as they were too.
            var newName = parse.GetValue(name);
            if (newName is not null && AccountNames.Problem(newName) is { } problem)
            {
                throw new CliException(problem);
            }

            var settings = cli.Services.GetRequiredService<AccountRefinementSettings>();
            var now = await settings.GetAsync(accountId, cancellationToken);
            var asked = parse.GetValue(backend);
            var changed = new RefinementSettings(
                asked is null ? now.Backend : string.Equals(asked.Trim(), None, StringComparison.OrdinalIgnoreCase) ? null : asked,
                parse.GetValue(auto) ?? now.AutoRefine,
                parse.GetValue(perRun) ?? now.PerRun,
                parse.GetValue(perDay) ?? now.PerDay);
            RefinementSettings stored;
            try
            {
                stored = await settings.SetAsync(accountId, changed, cancellationToken);
            }
            catch (RefinementException e)
            {
                throw new CliException(e.Message);
            }

            var storedName = newName is null ? await names.GetAsync(accountId, cancellationToken) : await names.RenameAsync(accountId, newName, cancellationToken);
            await PrintAsync(cli, storedName, settings, stored);
            return 0;
        });
        return command;
    }

    private static async Task PrintAsync(CliContext cli, string name, AccountRefinementSettings settings, RefinementSettings values)
    {
        await cli.Out.WriteLineAsync($"name\t{name}");
        await cli.Out.WriteLineAsync($"refinement-backend\t{values.Backend ?? None}");
        await cli.Out.WriteLineAsync($"auto-refine\t{(values.AutoRefine ? "true" : "false")}");
        await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"refinements-per-run\t{values.PerRun}\t(at most {settings.MaxPerRun})"));
        await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"refinements-per-day\t{values.PerDay}\t(at most {settings.MaxPerDay})"));
    }
}
