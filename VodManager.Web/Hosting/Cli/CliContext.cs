using System.CommandLine;
using System.Globalization;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Jobs;
using VodManager.Core.Nodes;
using VodManager.Core.Storage;

namespace VodManager.Web.Hosting.Cli;

/// <summary>What every verb gets: the services, a database that is ready on first use, and progress on stderr.</summary>
public sealed class CliContext(IServiceProvider services)
{
    /// <summary>Who the history records for a verb: the operator at the console, who needs no sign-in.</summary>
    public const string Actor = "operator (cli)";

    private bool _ready;

    public IServiceProvider Services { get; } = services;

    public TextWriter Out { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>
    /// Creates the data folder, proves storage reachable (creating a new Blob account's container, as the editor's
    /// start does) and migrates the database before a verb that needs them.
    /// </summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        Services.GetRequiredService<DataPaths>().EnsureWritable();
        await StartupTasks.CheckStorageAsync(Services.GetRequiredService<IVodStorage>(), cancellationToken);
        await Services.GetRequiredService<DatabaseStartup>().MigrateAsync(cancellationToken);

        // The CLI is a node too while it works: its lease keeps other nodes' start-up sweeps off its temp files.
        await Services.GetServices<IHostedService>().OfType<NodeHeartbeat>().Single().StartAsync(cancellationToken);

        // Its jobs show in the editors open meanwhile: with Redis, sent there as they happen (without Redis, the app
        // reads them from the job table).
        if (Services.GetRequiredService<IProgressBus>() is RedisProgressBus redis)
        {
            await redis.StartPublishingAsync();
        }

        _ready = true;
    }

    /// <summary>Every verb's --account, which <see cref="ResolveAccountAsync"/> reads.</summary>
    public static Option<string?> AccountOption() => new("--account") { Description = "Account name or id (needed when there are several)." };

    /// <summary>Resolves the account a verb acts in: the named one, else the only one.</summary>
    public async Task<int> ResolveAccountAsync(string? name, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var accounts = await Services.GetRequiredService<AccountDirectory>().ListAsync(cancellationToken);
        if (accounts.Count == 0)
        {
            // A fresh install without the demo has no account until someone signs up; naming one cannot help.
            throw new CliException("There is no account yet: sign up in the editor (/account/signup) or run seed-demo, then run this again.");
        }

        if (name is not null)
        {
            return accounts.FirstOrDefault(a => a.Name == name || a.Id.ToString(CultureInfo.InvariantCulture) == name)?.Id
                ?? throw new CliException($"No account has the name or id '{name}'; the accounts are {Names(accounts)}.");
        }

        return accounts.Count == 1 ? accounts[0].Id : throw new CliException($"There are {accounts.Count} accounts ({Names(accounts)}); name one with --account.");
    }

    private static string Names(IEnumerable<AccountSummary> accounts) =>
        string.Join(", ", accounts.Select(a => $"'{a.Name}' (id {a.Id.ToString(CultureInfo.InvariantCulture)})"));

    /// <summary>Prints every job update on stderr while a verb runs.</summary>
    public IDisposable ShowProgress()
    {
        var bus = Services.GetRequiredService<IProgressBus>();
        return bus.Subscribe(accountId: null, update =>
        {
            var percent = update.Percent.ToString("0", CultureInfo.InvariantCulture);
            Error.WriteLine($"[{update.Kind}] {update.Status} {percent}% {update.Stage}{(update.Message is null ? "" : " - " + update.Message)}{(update.Error is null ? "" : " ERROR: " + update.Error)}");
            return Task.CompletedTask;
        });
    }
}
