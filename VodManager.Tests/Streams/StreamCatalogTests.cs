using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Streams;

public sealed class StreamCatalogTests
{
    [Fact]
    public async Task A_page_is_searched_by_title_or_channel_in_any_case_sorted_by_start_and_scoped_to_the_account()
    {
        await using var host = await CoreHost.StartAsync();
        var (account, first) = await host.AddAccountWithStreamAsync();
        var (other, _) = await host.AddAccountWithStreamAsync(name: "Other account");
        var manager = host.Get<StreamManager>();
        await manager.DeleteAsync(account.Id, first.Id, CancellationToken.None);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 30; i++)
        {
            await manager.CreateAsync(account.Id, new StreamDetails($"Night {i:00}", i % 3 == 0 ? "LiiHS" : "someone", start.AddDays(i), null), CancellationToken.None);
        }

        await manager.CreateAsync(other.Id, new StreamDetails("Night 99 elsewhere", "LiiHS", start, null), CancellationToken.None);
        var catalog = host.Get<StreamCatalog>();

        var newest = await catalog.PageAsync(account.Id, null, newestFirst: true, skip: 0, take: 10, CancellationToken.None);
        var oldestSecondPage = await catalog.PageAsync(account.Id, null, newestFirst: false, skip: 10, take: 10, CancellationToken.None);
        var byChannel = await catalog.PageAsync(account.Id, "liihs", newestFirst: true, skip: 0, take: 100, CancellationToken.None);
        var byTitle = await catalog.PageAsync(account.Id, "NIGHT 2", newestFirst: true, skip: 0, take: 100, CancellationToken.None);

        Assert.Equal(30, newest.Total);
        Assert.Equal(Enumerable.Range(20, 10).Reverse().Select(i => $"Night {i:00}"), newest.Items.Select(s => s.Title));
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"Night {i:00}"), oldestSecondPage.Items.Select(s => s.Title));
        Assert.Equal(10, byChannel.Total);
        Assert.All(byChannel.Items, s => Assert.Equal("LiiHS", s.Channel));
        Assert.Equal(Enumerable.Range(20, 10).Reverse().Select(i => $"Night {i:00}"), byTitle.Items.Select(s => s.Title));
    }
}
