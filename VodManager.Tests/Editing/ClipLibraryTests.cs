using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
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
    public async Task Renaming_a_clip_stores_its_title_once_records_who_on_the_highlight_and_refuses_a_bad_title()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        var highlights = await EditorData.AddHighlightsAsync(_host.Services, account.Id, stream.Id);
        var clip = await EditorData.StoreVodAsync(_host.Services, Clip(account.Id, stream.Id, highlights[0], 1_000), 10);
        var source = await EditorData.StoreVodAsync(_host.Services, new VodReservation(account.Id, stream.Id, VodType.Archive, null, "archive", "source",
            StorageKeys.Archive(account.Id, stream.Id, ".mp4"), 5_000), 240);
        await using (var db = await _host.DbAsync())
        {
            await db.Highlights.Where(h => h.Id == highlights[0].Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.ClipVodId, clip.Id));
        }

        Assert.Equal("Insane clutch ✨", await Library.RenameAsync(account.Id, clip.Id, "  Insane clutch ✨ ", "alice", CancellationToken.None));
        Assert.Equal("Insane clutch ✨", await Library.RenameAsync(account.Id, clip.Id, "Insane clutch ✨", "bob", CancellationToken.None));

        async Task<string> RefusedAsync(int accountId, int vodId, string title) =>
            (await Assert.ThrowsAnyAsync<UserFacingException>(() => Library.RenameAsync(accountId, vodId, title, "alice", CancellationToken.None))).Message;
        Assert.Equal("A clip's title cannot be empty.", await RefusedAsync(account.Id, clip.Id, "   "));
        Assert.Equal("A clip's title can be at most 300 characters long; this one has 301.", await RefusedAsync(account.Id, clip.Id, new string('x', 301)));
        Assert.Equal("A clip's title must be one line, without tabs or other control characters.", await RefusedAsync(account.Id, clip.Id, "two\nlines"));
        Assert.Equal($"VOD {source.Id} was not found.", await RefusedAsync(account.Id, source.Id, "not a clip"));
        var (other, _) = await _host.AddAccountWithStreamAsync(name: "Other");
        Assert.Equal($"VOD {clip.Id} was not found.", await RefusedAsync(other.Id, clip.Id, "theirs now"));

        Assert.Equal("Insane clutch ✨", Assert.Single(await Library.ListAsync(account.Id, CancellationToken.None)).Title);
        await using var check = await _host.DbAsync();
        var renamed = Assert.Single(await check.HighlightActivities.Where(a => a.Action == HighlightActions.ClipRenamed).ToListAsync());
        Assert.Equal((highlights[0].Id, "alice", "\"Clip of #1\" → \"Insane clutch ✨\""), (renamed.HighlightId, renamed.Actor, renamed.Detail));
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
