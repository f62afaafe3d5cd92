using Microsoft.EntityFrameworkCore;
using VodManager.Core.Storage;
using VodManager.Demo;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Hosting;

/// <summary>The demo seed leaves nothing half-made when it fails, so the next start (or `seed-demo`) makes the one demo.</summary>
public sealed class DemoSeedTests
{
    [Fact]
    public async Task A_seed_that_fails_part_way_leaves_no_account_stream_or_video_and_the_next_one_makes_the_demo()
    {
        // A Blob container nobody has created: storing the demo's video fails after its account and stream were made.
        await using var host = await CoreHost.StartAsync(await CutScenario.BlobSettingsAsync(), s => s.AddVodManagerDemo());
        var seeder = host.Get<DemoSeeder>();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => seeder.SeedAsync(CancellationToken.None));

        Assert.Contains("container", failure.Message, StringComparison.OrdinalIgnoreCase);
        await using (var db = await host.DbAsync())
        {
            Assert.False(await db.Accounts.AnyAsync(), "the failed seed left its account");
            Assert.False(await db.Streams.AnyAsync(), "the failed seed left its stream");
            Assert.False(await db.Vods.IgnoreQueryFilters().AnyAsync(), "the failed seed left a video row");
        }

        await host.Get<IVodStorage>().CheckHealthAsync(CancellationToken.None);
        Assert.True(await seeder.SeedIfEmptyAsync(CancellationToken.None));
        await using var after = await host.DbAsync();
        var account = Assert.Single(await after.Accounts.ToListAsync());
        Assert.Equal(DemoSeeder.AccountName, account.Name);
        Assert.True(await after.AccountMembers.AnyAsync(m => m.AccountId == account.Id), "the demo has no owner");
        Assert.NotNull((await after.Streams.SingleAsync()).DetectedAt);
    }
}
