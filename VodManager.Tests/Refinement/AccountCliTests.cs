using Microsoft.EntityFrameworkCore;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Refinement;

/// <summary>`account show | set` (name and refinement settings), run as an operator runs it: the built app, as a process, on a data folder of its own.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class AccountCliTests : IDisposable
{
    private readonly TempFolder _folder = new("account-cli");

    private string Data => _folder.File("data");

    public void Dispose() => _folder.Dispose();

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) =>
        WebHostProcess.RunAsync(arguments, new Dictionary<string, string>
        {
            ["VodManager__DataFolder"] = Data,
            ["VodManager__SeedDemo"] = "false",
            ["Refinement__MaxPerRun"] = "10",
        }, TimeSpan.FromSeconds(120));

    private static string[] Lines(string stdout) => stdout.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Set_changes_only_what_it_is_given_and_a_refusal_changes_nothing()
    {
        int accountId;
        await using (var host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["VodManager:DataFolder"] = Data }))
        {
            accountId = (await host.AddAccountWithStreamAsync()).Account.Id;
        }

        var (exit, stdout, stderr) = await RunAsync("account", "set", "--refinements-per-run", "8", "--auto-refine", "false", "--name", "  Renamed Channel ");
        Assert.True(exit == 0, stderr);
        Assert.Equal(["name\tRenamed Channel", "refinement-backend\theuristic", "auto-refine\tfalse", "refinements-per-run\t8\t(at most 10)", "refinements-per-day\t50\t(at most 50)"], Lines(stdout));

        (exit, stdout, stderr) = await RunAsync("account", "set", "--refinement-backend", "none");
        Assert.True(exit == 0, stderr);
        Assert.Equal("refinement-backend\tnone", Lines(stdout)[1]);

        foreach (var (arguments, message) in new[]
        {
            (new[] { "account", "set", "--refinement-backend", "gemini" }, "error: The gemini backend cannot run here: this server has no Gemini API key (Refinement:Gemini:ApiKey)."),
            (new[] { "account", "set", "--refinements-per-day", "51" }, "error: Refinements per day must be 0–50 on this server (Refinement:MaxPerAccountPerDay); 51 was asked."),
            (new[] { "account", "set", "--name", " ", "--refinements-per-run", "3" }, "error: The account name must be 1 to 200 characters."),
        })
        {
            (exit, stdout, stderr) = await RunAsync(arguments);
            Assert.NotEqual(0, exit);
            Assert.Equal("", stdout);
            Assert.Contains(message, stderr);
        }

        (exit, stdout, stderr) = await RunAsync("account", "show");
        Assert.True(exit == 0, stderr);
        Assert.Equal(["name\tRenamed Channel", "refinement-backend\tnone", "auto-refine\tfalse", "refinements-per-run\t8\t(at most 10)", "refinements-per-day\t50\t(at most 50)"], Lines(stdout));
        await using var check = await CoreHost.StartAsync(new Dictionary<string, string?> { ["VodManager:DataFolder"] = Data });
        await using var db = await check.DbAsync();
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId);
        Assert.Equal(("Renamed Channel", (string?)null, false, 8, 50), (account.Name, account.RefinementBackend, account.AutoRefine, account.RefinementsPerRun, account.RefinementsPerDay));
    }
}
