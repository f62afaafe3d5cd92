using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Data;
using VodManager.Core.Library;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Hosting;

/// <summary>
/// Two app nodes (separate processes, separate data folders) on one PostgreSQL database: what one node issues
/// (cookies, antiforgery tokens) the other accepts, and when both start at once on an empty database the migrations,
/// Quartz's tables and the demo seed are made once.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed partial class NodeSharedStateTests
{
    [Fact]
    public async Task A_form_token_from_one_node_posts_to_the_other_and_its_sign_in_cookie_opens_pages_on_the_first()
    {
        var settings = await Postgres.NewDatabaseSettingsAsync();
        var nodes = await Task.WhenAll(AppNode.StartAsync("a", settings), AppNode.StartAsync("b", settings));
        await using var a = nodes[0];
        await using var b = nodes[1];
        var cookies = new CookieContainer();
        using var onA = a.CreateClient(cookies);

        // The sign-up form (and its antiforgery cookie and field) comes from A; B checks them.
        using (var signedUp = await HttpSignIn.PostFormAsync(onA, "/account/signup",
            new() { ["Input.Email"] = "nodes@example.test", ["Input.Password"] = "a long enough passphrase", ["Input.AccountName"] = "Two Nodes Channel" },
            postTo: b.BaseUrl))
        {
            Assert.True(signedUp.StatusCode == HttpStatusCode.Redirect, $"sign-up on B with A's form: {(int)signedUp.StatusCode}\n{await signedUp.Content.ReadAsStringAsync()}\n{b.Log}");
        }

        // The sign-in cookie B issued is valid on A (cookies ignore the port, so the one jar serves both nodes).
        using var streams = await onA.GetAsync("/streams");
        Assert.True(streams.StatusCode == HttpStatusCode.OK, $"/streams on A with B's cookie: {(int)streams.StatusCode} {streams.Headers.Location}");
        Assert.Contains("Two Nodes Channel", await streams.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_an_empty_database_migrate_and_seed_once_and_both_serve()
    {
        var server = await Postgres.GetAsync();
        var connectionString = server.ConnectionString("t" + Guid.NewGuid().ToString("N")); // does not exist yet
        using var storage = new TempFolder("shared-storage");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["Database:ConnectionString"] = connectionString,
            ["Storage:LocalDisk:Root"] = storage.Path,
            ["VodManager:SeedDemo"] = "true",
            ["Logging:LogLevel:VodManager.Core.DatabaseStartup"] = "Information",
            ["Logging:LogLevel:VodManager.Demo.DemoSeeder"] = "Information",
            ["Logging:LogLevel:Quartz"] = "Information",
        };
        try
        {
            var nodes = await Task.WhenAll(AppNode.StartAsync("a", settings), AppNode.StartAsync("b", settings));
            await using var a = nodes[0];
            await using var b = nodes[1];
            var logs = nodes.Select(n => n.Log).ToList();
            Assert.True(logs.Count(l => l.Contains("Applying")) == 1, "exactly one node applies the migrations:\n" + string.Join("\n", logs));
            Assert.True(logs.Count(l => l.Contains("Seeding the demo account")) == 1, "exactly one node seeds the demo:\n" + string.Join("\n", logs));

            // Quartz's tables too are made once, under the lock: one node creates them, the other finds them complete
            // (never Quartz's words for losing the race to create them, or for retrying after it).
            Assert.True(logs.Count(l => l.Contains("Created the schema objects missing")) == 1, "exactly one node creates Quartz's tables:\n" + string.Join("\n", logs));
            Assert.True(logs.All(l => !l.Contains("so another node created it first") && !l.Contains("does not validate yet")), "a node raced to create Quartz's tables:\n" + string.Join("\n", logs));

            // Nothing of a first start is an error: not the node that lost the race to create the database, nor
            // looking for the migration history before it exists (an operator's alerts fire on "fail").
            Assert.True(logs.All(l => !FailureLine().IsMatch(l)), "a node logged an error while starting:\n" + string.Join("\n", logs));
            foreach (var node in nodes)
            {
                using var http = node.CreateClient();
                using var health = await http.GetAsync("/healthz");
                Assert.True(health.StatusCode == HttpStatusCode.OK, $"{node.BaseUrl}/healthz: {(int)health.StatusCode}\n{node.Log}");
                using var report = System.Text.Json.JsonDocument.Parse(await health.Content.ReadAsStringAsync());
                var clock = report.RootElement.GetProperty("checks").GetProperty("clock").GetProperty("description").GetString();
                Assert.Contains("the database server's", clock); // each node compared its clock with PostgreSQL's
            }

            var options = new DbContextOptionsBuilder<PostgreSqlVodDbContext>().UseNpgsql(connectionString).Options;
            await using var db = new PostgreSqlVodDbContext(options);
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(1, await db.Accounts.CountAsync());
            Assert.Equal(1, await db.Streams.CountAsync());
            var archives = await db.Vods.Where(v => v.Type == VodType.Archive).Select(v => v.StorageKey).ToListAsync();
            Assert.Single(archives);

            // The seed also cuts the demo's best highlight: storage holds exactly the stored VODs, once each.
            var stored = await db.Vods.Select(v => v.StorageKey).ToListAsync();
            Assert.Equal(stored.Order(), storage.Files().Select(f => f.Replace('\\', '/')).Order());

            // Both schedulers join the one clustered store (they check in just after the node reports it is running).
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await SchedulersAsync(db) < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }

            Assert.Equal(2, await SchedulersAsync(db));
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private static Task<int> SchedulersAsync(VodDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM qrtz_scheduler_state").SingleAsync();

    [GeneratedRegex(@"^\w+: (fail|crit): ", RegexOptions.Multiline)]
    private static partial Regex FailureLine();
}
