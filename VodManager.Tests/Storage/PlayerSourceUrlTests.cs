using Microsoft.Extensions.Time.Testing;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;
using VodManager.Web.Accounts;

namespace VodManager.Tests.Storage;

public sealed class PlayerSourceUrlTests
{
    [Fact]
    public async Task The_same_file_keeps_its_link_until_half_its_lifetime_is_gone_and_another_file_gets_its_own()
    {
        await using var node = await CoreHost.StartAsync(new Dictionary<string, string?> { ["Storage:LocalDisk:PublicBaseUrl"] = "http://127.0.0.1:9/" });
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T10:00:00Z"));
        var player = new PlayerSourceUrl(node.Get<IVodStorage>(), TimeSpan.FromHours(2), time);

        var first = await player.GetAsync("vods/1/source.mp4", CancellationToken.None);
        Assert.StartsWith("/media/vods/1/source.mp4?", first); // relative: the browser sends its sign-in cookie along
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Same(first, await player.GetAsync("vods/1/source.mp4", CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(1));
        var resigned = await player.GetAsync("vods/1/source.mp4", CancellationToken.None);
        Assert.NotEqual(first, resigned);
        Assert.Same(resigned, await player.GetAsync("vods/1/source.mp4", CancellationToken.None));

        var copy = await player.GetAsync("vods/2/browser.mp4", CancellationToken.None);
        Assert.StartsWith("/media/vods/2/browser.mp4?", copy);
        Assert.Null(await player.GetAsync(null, CancellationToken.None));
        Assert.NotEqual(copy, await player.GetAsync("vods/2/browser.mp4", CancellationToken.None)); // gone and back: signed again
    }
}
