using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VodManager.Core.Accounts;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;
using VodManager.Web.Accounts;
using VodManager.Web.Components.Shared;

namespace VodManager.Tests.Ui.Progress;

/// <summary>
/// A live component that goes away while its first read of the account is still under way (a tab closed as the page
/// started) never subscribes to the progress bus: a subscription made after its end would never be released, and
/// every later update of the account would reach a component its renderer no longer has (seen on a cold node: a
/// warning with a stack for each progress report of every job, for as long as the node ran).
/// </summary>
[Trait(Speed.Name, Speed.Slow)] // on PostgreSQL, whose lock holds the read where the race lies
public sealed class LiveJobsLifetimeTests : UiTest
{
    [Fact]
    public async Task A_component_gone_before_its_account_read_returns_never_subscribes()
    {
        var settings = await TestDatabase.SettingsAsync(DatabaseEngine.PostgreSql);
        await using var host = await CoreHost.StartAsync(settings);
        var (account, _) = await host.AddAccountWithStreamAsync();
        var editor = await TestUser.AddAsync(host.Services, account.Id, AccountRole.Editor);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, editor.Id), new Claim(ClaimTypes.Name, editor.Email)], "test"));
        var bus = host.Get<ProgressBus>();
        Services.AddSingleton<AuthenticationStateProvider>(new SignedIn(user));
        Services.AddSingleton(host.Get<AccountMembers>());
        Services.AddScoped<AccountSelection>();
        Services.AddScoped<CurrentAccount>();
        Services.AddSingleton<IProgressBus>(bus);

        // Control: a component that lives subscribes (to jobs and to changes) and lets go when it goes.
        Render<JobsIndicator>();
        await Wait.UntilAsync(() => bus.Subscriptions == 2, "a live component did not subscribe");
        await DisposeComponentsAsync();
        Assert.Equal(0, bus.Subscriptions);

        // The account read is held in the database, so the component starts and waits on it.
        await using var locker = new NpgsqlConnection(settings["Database:ConnectionString"]);
        await locker.OpenAsync();
        await using var hold = await locker.BeginTransactionAsync();
        // Watched from a connection of its own: inside the holding transaction the activity view keeps its first snapshot.
        await using var watcher = new NpgsqlConnection(settings["Database:ConnectionString"]);
        await watcher.OpenAsync();
        await using (var lockTable = new NpgsqlCommand("""LOCK TABLE "AccountMembers" IN ACCESS EXCLUSIVE MODE""", locker, hold))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var indicator = Render<JobsIndicator>();
        await Wait.UntilAsync(() => WaitingOnLockAsync(watcher), "the component's account read never reached the database");

        // The renderer is held while the read returns, so what follows the read queues behind; then the component
        // ends (as when its circuit does) before that continuation's turn.
        await Renderer.Dispatcher.InvokeAsync(() =>
        {
            Task.Run(async () =>
            {
                await hold.CommitAsync();
                await Wait.UntilAsync(async () => !await WaitingOnLockAsync(watcher), "the held read did not go on");
                await Task.Delay(500); // its answer reaches the client, and the component's continuation queues
            }).GetAwaiter().GetResult();
            indicator.Instance.Dispose();
        });
        for (var turn = 0; turn < 3; turn++)
        {
            await Renderer.Dispatcher.InvokeAsync(() => { });
            await Task.Delay(100);
        }

        Assert.Equal(0, bus.Subscriptions);
    }

    private static async Task<bool> WaitingOnLockAsync(NpgsqlConnection watcher)
    {
        await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", watcher);
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }

    /// <summary>The host's sign-in state, as a circuit has it once the user is known.</summary>
    private sealed class SignedIn(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
