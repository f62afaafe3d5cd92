using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Editing;

/// <summary>The clips library and its quota bar on a real database, with deletes going through the ledger.</summary>
public sealed class ClipLibraryTests : IAsyncLifetime
{
    private CoreHost _host = default!;

    private ClipLibrary Library => _host.Get<ClipLibrary>();

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static VodReservation Clip(int accountId, int streamId, Highlight highlight, long bytes) =>
        Builders.ClipReservation(accountId, streamId, highlight.Id, bytes, $"Clip of #{highlight.Rank}");

    [Fact]
    public async Task Lists_stored_clips_with_their_source_and_deleting_one_frees_its_bytes()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 100_000);
        var highlights = await EditorData.AddHighlightsAsync(_host.Services, account.Id, stream.Id);
        await EditorData.StoreVodAsync(_host.Services, new VodReservation(account.Id, stream.Id, VodType.Archive, null, "archive", "source",
            StorageKeys.Archive(account.Id, stream.Id, ".mp4"), 50_000), 240);
        var first = await EditorData.StoreVodAsync(_host.Services, Clip(account.Id, stream.Id, highlights[0], 3_000), 11.3);
        await EditorData.StoreVodAsync(_host.Services, Clip(account.Id, stream.Id, highlights[1], 4_000), 12);
        await _host.Get<QuotaService>().ReserveAsync(Clip(account.Id, stream.Id, highlights[2], 5_000), CancellationToken.None); // still pending

        var clips = await Library.ListAsync(account.Id, CancellationToken.None);

        Assert.Equal(["Clip of #2", "Clip of #1"], clips.Select(c => c.Title));
        var entry = clips.Single(c => c.VodId == first.Id);
        Assert.Equal((highlights[0].Id, 1, "Test stream", 3_000L, 11.3), (entry.HighlightId!.Value, entry.HighlightRank!.Value, entry.StreamTitle!, entry.SizeBytes, entry.DurationSeconds!.Value));
        Assert.Equal(VodProvenance.AutoClip, entry.Provenance);
        var before = await Library.GetUsageAsync(account.Id, CancellationToken.None);
        Assert.Equal((62_000L, 4), (before.UsedBytes, before.VodCount));
        Assert.Equal(0.62, before.UsedFraction!.Value, precision: 3);

        await _host.Get<QuotaService>().DeleteAsync(account.Id, first.Id, CancellationToken.None);

        Assert.Equal(["Clip of #2"], (await Library.ListAsync(account.Id, CancellationToken.None)).Select(c => c.Title));
        var after = await Library.GetUsageAsync(account.Id, CancellationToken.None);
        Assert.Equal((59_000L, 3), (after.UsedBytes, after.VodCount));
    }

    [Fact]
    public async Task Another_account_sees_none_of_the_clips()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        var highlights = await EditorData.AddHighlightsAsync(_host.Services, account.Id, stream.Id);
        await EditorData.StoreVodAsync(_host.Services, Clip(account.Id, stream.Id, highlights[0], 1_000), 10);
        var (other, _) = await _host.AddAccountWithStreamAsync(name: "Other");

        Assert.Empty(await Library.ListAsync(other.Id, CancellationToken.None));
    }

    [Fact]
    public async Task On_the_free_tier_the_bar_measures_the_nearer_of_vod_count_and_bytes()
    {
        var usage = new QuotaUsage("free", AccountPlan.Free, UsedBytes: 10_000, QuotaBytes: null, VodCount: 3, MaxVodCount: 4);

        Assert.Equal(0.75, usage.UsedFraction);
        Assert.Equal(10_000 / 12_000.0, (usage with { QuotaBytes = 12_000 }).UsedFraction);
        Assert.Equal(0.75, (usage with { QuotaBytes = 1_000_000 }).UsedFraction);
        Assert.Null((usage with { MaxVodCount = null }).UsedFraction);
    }
}
