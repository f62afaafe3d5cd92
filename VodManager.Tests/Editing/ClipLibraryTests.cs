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

    private async Task<IReadOnlyList<ClipEntry>> ListAsync(int accountId) => (await Library.PageAsync(accountId, new ClipQuery(), 0, 100, CancellationToken.None)).Items;

    [Fact]
    public async Task The_library_reads_a_page_at_a_time_and_finds_clips_by_title_stream_or_channel_or_of_one_stream()
    {
        var (account, first) = await _host.AddAccountWithStreamAsync();
        LiveStream second;
        await using (var db = await _host.DbAsync())
        {
            second = new LiveStream { AccountId = account.Id, Channel = "LiiHS", Title = "Ranked grind", StartedAt = DateTime.UtcNow.AddHours(-1), CreatedAt = DateTime.UtcNow };
            db.Streams.Add(second);
            await db.SaveChangesAsync();
        }

        var ofFirst = await EditorData.AddHighlightsAsync(_host.Services, account.Id, first.Id);
        var ofSecond = await EditorData.AddHighlightsAsync(_host.Services, account.Id, second.Id);
        foreach (var highlight in ofFirst.Take(3))
        {
            await EditorData.StoreVodAsync(_host.Services, Clip(account.Id, first.Id, highlight, 1_000), 10);
        }

        var clutch = await EditorData.StoreVodAsync(_host.Services, Clip(account.Id, second.Id, ofSecond[0], 1_000), 10);
        await EditorData.StoreVodAsync(_host.Services, Clip(account.Id, second.Id, ofSecond[1], 1_000), 10);
        await Library.RenameAsync(account.Id, clutch.Id, "Insane CLUTCH", "alice", CancellationToken.None);
        var (other, theirs) = await _host.AddAccountWithStreamAsync(name: "Other");

        // The ids as text: a tuple holding an array compares the array by reference.
        async Task<(string Ids, int Total)> FindAsync(ClipQuery query, int skip = 0, int take = 100)
        {
            var page = await Library.PageAsync(account.Id, query, skip, take, CancellationToken.None);
            return (string.Join(",", page.Items.Select(c => c.VodId)), page.Total);
        }

        var all = await FindAsync(new ClipQuery());
        Assert.Equal(5, all.Total);
        var pages = new[] { await FindAsync(new ClipQuery(), 0, 2), await FindAsync(new ClipQuery(), 2, 2), await FindAsync(new ClipQuery(), 4, 2) };
        Assert.Equal([2, 2, 1], pages.Select(p => p.Ids.Split(',').Length));
        Assert.All(pages, p => Assert.Equal(5, p.Total));
        Assert.Equal(all.Ids, string.Join(",", pages.Select(p => p.Ids))); // newest first, each clip on exactly one page

        Assert.Equal(($"{clutch.Id}", 1), await FindAsync(new ClipQuery("clutch")));
        Assert.Equal(2, (await FindAsync(new ClipQuery(" liihs "))).Total); // the channel, any case
        Assert.Equal(2, (await FindAsync(new ClipQuery("RANKED"))).Total); // the stream's title
        Assert.Equal(3, (await FindAsync(new ClipQuery("test stream"))).Total);
        Assert.Equal(5, (await FindAsync(new ClipQuery("   "))).Total);
        Assert.Equal(0, (await FindAsync(new ClipQuery("nothing like it"))).Total);

        Assert.Equal(2, (await FindAsync(new ClipQuery(StreamId: second.Id))).Total);
        Assert.Equal(($"{clutch.Id}", 1), await FindAsync(new ClipQuery("clutch", second.Id)));
        Assert.Equal(0, (await FindAsync(new ClipQuery("clutch", first.Id))).Total);
        Assert.Equal(0, (await FindAsync(new ClipQuery(StreamId: theirs.Id))).Total);
        Assert.Equal(0, (await Library.PageAsync(other.Id, new ClipQuery(StreamId: second.Id), 0, 100, CancellationToken.None)).Total);
    }

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

        var clips = await ListAsync(account.Id);

        Assert.Equal(["Clip of #2", "Clip of #1"], clips.Select(c => c.Title));
        var entry = clips.Single(c => c.VodId == first.Id);
        Assert.Equal((highlights[0].Id, 1, "Test stream", 3_000L, 11.3), (entry.HighlightId!.Value, entry.HighlightRank!.Value, entry.StreamTitle!, entry.SizeBytes, entry.DurationSeconds!.Value));
        Assert.Equal(VodProvenance.AutoClip, entry.Provenance);
        var before = await Library.GetUsageAsync(account.Id, CancellationToken.None);
        Assert.Equal((62_000L, 4), (before.UsedBytes, before.VodCount));
        Assert.Equal(0.62, before.UsedFraction!.Value, precision: 3);

        await _host.Get<QuotaService>().DeleteAsync(account.Id, first.Id, CancellationToken.None);

        Assert.Equal(["Clip of #2"], (await ListAsync(account.Id)).Select(c => c.Title));
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

        Assert.Equal("Insane clutch ✨", Assert.Single(await ListAsync(account.Id)).Title);
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

        Assert.Empty(await ListAsync(other.Id));
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
