using System.CommandLine;
using VodManager.Demo;

namespace VodManager.Web.Hosting.Cli;

/// <summary>`seed-demo`: adds the demo account and stream (even when other accounts exist).</summary>
public sealed class SeedDemoVerb : ICliVerb
{
    public string Name => "seed-demo";

    public Command Build(CliContext cli)
    {
        var command = new Command(Name, "Create the demo account with a generated demo stream.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await cli.EnsureReadyAsync(cancellationToken);
            var stream = await cli.Services.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
            await cli.Out.WriteLineAsync($"demo stream {stream.Id} in account {stream.AccountId}");
            return 0;
        });
        return command;
    }
}
