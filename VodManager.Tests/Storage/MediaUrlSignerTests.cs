using VodManager.Core.Data;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Storage;

/// <summary>Media URLs signed by one node open on every node of the database, and on no other database.</summary>
public sealed class MediaUrlSignerTests
{
    private const string Key = "accounts/1/clips/highlight-7.mp4";

    [Fact]
    public async Task A_url_signed_on_one_node_verifies_on_another_node_of_the_same_database_only()
    {
        var settings = await Postgres.NewDatabaseSettingsAsync();
        await using var a = await CoreHost.StartAsync(settings);
        await using var b = await CoreHost.StartAsync(settings);
        await using var elsewhere = await CoreHost.StartAsync(await Postgres.NewDatabaseSettingsAsync());
        Assert.NotEqual(a.DataFolder, b.DataFolder);

        var (exp, sig) = Query(await a.Get<MediaUrlSigner>().SignPathAsync(Key, TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.True(await b.Get<MediaUrlSigner>().VerifyAsync(Key, exp, sig, CancellationToken.None));
        Assert.False(await b.Get<MediaUrlSigner>().VerifyAsync(Key.Replace("7", "8"), exp, sig, CancellationToken.None));
        Assert.False(await elsewhere.Get<MediaUrlSigner>().VerifyAsync(Key, exp, sig, CancellationToken.None));
    }

    [Fact]
    public async Task Nodes_asking_for_a_new_secret_at_the_same_moment_all_get_the_one_that_was_stored()
    {
        var settings = await Postgres.NewDatabaseSettingsAsync();
        var hosts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CoreHost.StartAsync(settings)));
        try
        {
            var secrets = await Task.WhenAll(hosts.SelectMany(h => Enumerable.Range(0, 4)
                .Select(_ => Task.Run(() => h.Get<SharedSecrets>().GetOrCreateAsync("race", 32, CancellationToken.None)))));

            Assert.Single(secrets.Select(Convert.ToHexString).Distinct());
            Assert.Equal(32, secrets[0].Length);
            await using var db = await hosts[0].DbAsync();
            Assert.Equal(1, db.SharedSecrets.Count(s => s.Name == "race"));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static (string Exp, string Sig) Query(string path)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://node"), path).Query);
        return (query["exp"]!, query["sig"]!);
    }
}
