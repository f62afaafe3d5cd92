using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Quota;

/// <summary>The ledger on a real SQLite database and a real PostgreSQL: atomic charges, eviction rules, and no drift.</summary>
public abstract class QuotaServiceTests : IAsyncLifetime
{
    private CoreHost _host = default!;

    protected abstract DatabaseEngine Engine { get; }

    private QuotaService Quota => _host.Get<QuotaService>();

    private const long FreeTierBytes = 5_000;

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync(await TestDatabase.SettingsAsync(Engine,
        new Dictionary<string, string?> { ["Quota:FreeTierQuotaBytes"] = FreeTierBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static VodReservation Clip(int accountId, int streamId, int highlightId, long bytes, IReadOnlyCollection<int>? protect = null) =>
        Builders.ClipReservation(accountId, streamId, highlightId, bytes, protect: protect);

    private async Task<Vod> StoreAsync(VodReservation reservation, long actualBytes)
    {
        var outcome = await Quota.ReserveAsync(reservation, CancellationToken.None);
        await _host.Get<IVodStorage>().PutAsync(outcome.Vod.StorageKey, new MemoryStream(new byte[actualBytes]), actualBytes, CancellationToken.None);
        return await Quota.CommitAsync(outcome.Vod.Id, actualBytes, null, CancellationToken.None);
    }

    [Fact]
    public async Task Reserve_commit_charges_the_real_size_and_keeps_the_ledger_balanced()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 10_000);

        var vod = await StoreAsync(Clip(account.Id, stream.Id, 1, 5_000), 4_200);

        Assert.Equal(VodStatus.Stored, vod.Status);
        var ledger = await Quota.CheckLedgerAsync(account.Id, CancellationToken.None);
        Assert.Equal(4_200, ledger.LedgerBytes);
        Assert.True(ledger.Balanced);
    }

    [Fact]
    public async Task A_title_longer_than_the_column_is_stored_cut_to_it_instead_of_failing_the_write()
    {
        // A clip of a stream with a 300-character title, or an export of a clip renamed to 300 characters, adds its
        // own words: on a server database the row did not fit its column and the cut or export failed.
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        var title = new string('t', 300) + " – highlight #1 (0:10.0–0:40.0)";

        var vod = await StoreAsync(Builders.ClipReservation(account.Id, stream.Id, 1, 1_000, title), 1_000);

        Assert.Equal(VodStatus.Stored, vod.Status);
        Assert.Equal(title[..300], vod.Title);
    }

    [Fact]
    public async Task A_write_for_a_stream_deleted_meanwhile_fails_as_that_not_as_another_writer_and_charges_nothing()
    {
        var (account, _) = await _host.AddAccountWithStreamAsync(quotaBytes: 10_000);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => Quota.ReserveAsync(Clip(account.Id, 987_654, 1, 1_000), CancellationToken.None));

        Assert.True(error.IsForeignKeyViolation(), error.InnerException?.Message);
        Assert.False(error.IsUniqueViolation());
        var ledger = await Quota.CheckLedgerAsync(account.Id, CancellationToken.None);
        Assert.Equal(0, ledger.LedgerBytes);
        Assert.True(ledger.Balanced);
        await using var db = await _host.DbAsync();
        Assert.Empty(await db.Vods.IgnoreQueryFilters().ToListAsync());
    }

    [Fact]
    public async Task A_write_that_does_not_fit_is_refused_with_the_numbers()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 1_000);

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => Quota.ReserveAsync(Clip(account.Id, stream.Id, 1, 1_500), CancellationToken.None));

        Assert.Contains("1.5 KB", error.Message);
        Assert.Contains("1000 B free", error.Message);
        Assert.True((await Quota.CheckLedgerAsync(account.Id, CancellationToken.None)).Balanced);
        await using var db = await _host.DbAsync();
        Assert.Empty(await db.Vods.IgnoreQueryFilters().ToListAsync());
    }

    [Fact]
    public async Task Concurrent_reservations_never_overshoot_the_byte_quota()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 1_000);

        var attempts = Enumerable.Range(1, 24).Select(async i =>
        {
            try
            {
                await Quota.ReserveAsync(Clip(account.Id, stream.Id, i, 100), CancellationToken.None);
                return true;
            }
            catch (QuotaExceededException)
            {
                return false;
            }
        });
        var results = await Task.WhenAll(attempts);

        Assert.Equal(10, results.Count(ok => ok));
        var ledger = await Quota.CheckLedgerAsync(account.Id, CancellationToken.None);
        Assert.Equal(1_000, ledger.LedgerBytes);
        Assert.True(ledger.Balanced);
    }

    [Fact]
    public async Task Free_tier_counts_vods_not_bytes()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(maxVods: 2);
        await StoreAsync(Clip(account.Id, stream.Id, 1, 10), 10);
        await StoreAsync(Clip(account.Id, stream.Id, 2, 10), 10);

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => Quota.ReserveAsync(Clip(account.Id, stream.Id, 3, 10), CancellationToken.None));
        Assert.Contains("free tier", error.Message);
        Assert.Contains("room for 2 VODs", error.Message);
    }

    [Fact]
    public async Task Free_tier_refuses_a_write_over_its_byte_quota_naming_the_setting_and_leaves_nothing()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(maxVods: 25);
        var kept = await StoreAsync(Clip(account.Id, stream.Id, 1, 3_000), 3_000);

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => Quota.ReserveAsync(Clip(account.Id, stream.Id, 2, 2_500), CancellationToken.None));

        Assert.Contains($"free tier with room for {Core.ByteSize.Format(FreeTierBytes)} (setting Quota:FreeTierQuotaBytes)", error.Message);
        Assert.Contains($"needs {Core.ByteSize.Format(2_500)} but has {Core.ByteSize.Format(2_000)} free", error.Message);
        var ledger = await Quota.CheckLedgerAsync(account.Id, CancellationToken.None);
        Assert.Equal((3_000, 1), (ledger.LedgerBytes, ledger.LedgerCount));
        Assert.True(ledger.Balanced);
        await using var db = await _host.DbAsync();
        Assert.Equal([kept.Id], await db.Vods.IgnoreQueryFilters().Select(v => v.Id).ToListAsync());
    }

    [Fact]
    public async Task Free_tier_refuses_a_commit_that_grows_past_its_byte_quota()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(maxVods: 25);
        var outcome = await Quota.ReserveAsync(Clip(account.Id, stream.Id, 1, 1_000), CancellationToken.None);

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => Quota.CommitAsync(outcome.Vod.Id, FreeTierBytes + 1, null, CancellationToken.None));
        await Quota.ReleaseAsync(outcome.Vod.Id);

        Assert.Contains("Quota:FreeTierQuotaBytes", error.Message);
        var ledger = await Quota.CheckLedgerAsync(account.Id, CancellationToken.None);
        Assert.Equal((0, 0), (ledger.LedgerBytes, ledger.LedgerCount));
        Assert.True(ledger.Balanced);
    }

    [Fact]
    public async Task Free_tier_eviction_frees_bytes_as_well_as_count()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(maxVods: 25, evict: true);
        var oldest = await StoreAsync(Clip(account.Id, stream.Id, 1, 2_000), 2_000);
        var newer = await StoreAsync(Clip(account.Id, stream.Id, 2, 2_000), 2_000);

        var outcome = await Quota.ReserveAsync(Clip(account.Id, stream.Id, 3, 2_000), CancellationToken.None);

        Assert.Equal([oldest.Id], outcome.EvictedVodIds);
        var ledger = await Quota.CheckLedgerAsync(account.Id, CancellationToken.None);
        Assert.Equal((4_000, 2), (ledger.LedgerBytes, ledger.LedgerCount));
        Assert.True(ledger.Balanced);
        Assert.True(await _host.Get<IVodStorage>().ExistsAsync(newer.StorageKey, CancellationToken.None));
    }

    [Fact]
    public async Task Release_refunds_and_removes_the_row_and_the_partial_object()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 10_000);
        var outcome = await Quota.ReserveAsync(Clip(account.Id, stream.Id, 1, 3_000), CancellationToken.None);
        await _host.Get<IVodStorage>().PutAsync(outcome.Vod.StorageKey, new MemoryStream(new byte[100]), 100, CancellationToken.None);

        await Quota.ReleaseAsync(outcome.Vod.Id);

        var ledger = await Quota.CheckLedgerAsync(account.Id, CancellationToken.None);
        Assert.Equal(0, ledger.LedgerBytes);
        Assert.Equal(0, ledger.LedgerCount);
        Assert.False(await _host.Get<IVodStorage>().ExistsAsync(outcome.Vod.StorageKey, CancellationToken.None));
        await using var db = await _host.DbAsync();
        Assert.Empty(await db.Vods.IgnoreQueryFilters().ToListAsync());
    }

    [Fact]
    public async Task A_retry_reuses_the_same_row_by_external_id_and_never_charges_twice()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 10_000);
        var first = await Quota.ReserveAsync(Clip(account.Id, stream.Id, 7, 2_000), CancellationToken.None);

        // The process "crashed" after reserving; the retry reserves again for the same highlight.
        var retry = await Quota.ReserveAsync(Clip(account.Id, stream.Id, 7, 2_500), CancellationToken.None);

        Assert.Equal(first.Vod.Id, retry.Vod.Id);
        Assert.Equal(first.Vod.StorageKey, retry.StaleKey);
        var ledger = await Quota.CheckLedgerAsync(account.Id, CancellationToken.None);
        Assert.Equal(2_500, ledger.LedgerBytes);
        Assert.Equal(1, ledger.LedgerCount);
    }

    [Fact]
    public async Task A_stored_vod_is_reported_as_done_instead_of_written_again()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 10_000);
        var stored = await StoreAsync(Clip(account.Id, stream.Id, 3, 1_000), 900);

        var again = await Quota.ReserveAsync(Clip(account.Id, stream.Id, 3, 1_000), CancellationToken.None);

        Assert.True(again.AlreadyStored);
        Assert.Equal(stored.Id, again.Vod.Id);
        Assert.Equal(900, (await Quota.CheckLedgerAsync(account.Id, CancellationToken.None)).LedgerBytes);
    }

    [Fact]
    public async Task Delete_frees_the_bytes_and_a_later_cut_reuses_the_soft_deleted_row()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 10_000);
        var stored = await StoreAsync(Clip(account.Id, stream.Id, 4, 1_000), 1_000);

        await Quota.DeleteAsync(account.Id, stored.Id, CancellationToken.None);
        Assert.Equal(0, (await Quota.CheckLedgerAsync(account.Id, CancellationToken.None)).LedgerBytes);
        Assert.False(await _host.Get<IVodStorage>().ExistsAsync(stored.StorageKey, CancellationToken.None));

        var again = await StoreAsync(Clip(account.Id, stream.Id, 4, 1_000), 800);
        Assert.Equal(stored.Id, again.Id);
        Assert.True((await Quota.CheckLedgerAsync(account.Id, CancellationToken.None)).Balanced);
    }

    [Fact]
    public async Task Delete_is_refused_while_a_job_has_the_vod_pinned()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 10_000);
        var stored = await StoreAsync(Clip(account.Id, stream.Id, 5, 100), 100);

        await using (await _host.Get<VodPins>().PinAsync([stored.Id], "test-job", CancellationToken.None))
        {
            await Assert.ThrowsAsync<VodInUseException>(() => Quota.DeleteAsync(account.Id, stored.Id, CancellationToken.None));
        }

        await Quota.DeleteAsync(account.Id, stored.Id, CancellationToken.None);
    }

    [Fact]
    public async Task Another_accounts_vod_cannot_be_deleted()
    {
        var (owner, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 10_000, name: "Owner");
        var (other, _) = await _host.AddAccountWithStreamAsync(quotaBytes: 10_000, name: "Other");
        var stored = await StoreAsync(Clip(owner.Id, stream.Id, 6, 100), 100);

        await Assert.ThrowsAsync<VodNotFoundException>(() => Quota.DeleteAsync(other.Id, stored.Id, CancellationToken.None));
        Assert.True(await _host.Get<IVodStorage>().ExistsAsync(stored.StorageKey, CancellationToken.None));
    }

    [Fact]
    public async Task Eviction_removes_the_oldest_clips_but_never_the_source_protected_or_pinned_vods()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 1_000, evict: true);
        var source = await SourceAsync(account.Id, stream.Id, 400);
        var oldest = await StoreAsync(Clip(account.Id, stream.Id, 1, 200), 200);
        var pinned = await StoreAsync(Clip(account.Id, stream.Id, 2, 200), 200);
        var newest = await StoreAsync(Clip(account.Id, stream.Id, 3, 200), 200);

        await using (await _host.Get<VodPins>().PinAsync([pinned.Id], "cutting", CancellationToken.None))
        {
            // Needs 300 bytes with 0 free. The source and the pinned clip are off limits, so the two others go.
            var outcome = await Quota.ReserveAsync(Clip(account.Id, stream.Id, 9, 300, protect: [source.Id]), CancellationToken.None);
            Assert.Equal([oldest.Id, newest.Id], outcome.EvictedVodIds.Order());
        }

        await using var db = await _host.DbAsync();
        var live = await db.Vods.Select(v => v.Id).ToListAsync();
        Assert.Contains(source.Id, live);
        Assert.Contains(pinned.Id, live);
        Assert.DoesNotContain(oldest.Id, live);
        Assert.True((await Quota.CheckLedgerAsync(account.Id, CancellationToken.None)).Balanced);
    }

    [Fact]
    public async Task Deleting_a_vod_deletes_its_exports_or_browser_copy_with_it_and_frees_them()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 10_000);
        var source = await SourceAsync(account.Id, stream.Id, 1_000);
        var copy = await DerivedAsync(new VodReservation(account.Id, stream.Id, VodType.BrowserCopy, null, "browser-copy-1", "Copy",
            StorageKeys.BrowserCopy(account.Id, "browser-copy-1"), 300), source.Id);
        var clip = await StoreAsync(Clip(account.Id, stream.Id, 1, 200), 200);
        var exports = new[]
        {
            await DerivedAsync(Builders.ExportReservation(account.Id, stream.Id, "export-a", 50), clip.Id),
            await DerivedAsync(Builders.ExportReservation(account.Id, stream.Id, "export-b", 60), clip.Id),
        };
        var otherClip = await StoreAsync(Clip(account.Id, stream.Id, 2, 200), 200);
        var otherExport = await DerivedAsync(Builders.ExportReservation(account.Id, stream.Id, "export-c", 70), otherClip.Id);

        await Quota.DeleteAsync(account.Id, clip.Id, CancellationToken.None);

        await AssertLiveAsync(account.Id, [source.Id, copy.Id, otherClip.Id, otherExport.Id], 1_000 + 300 + 200 + 70);
        var storage = _host.Get<IVodStorage>();
        foreach (var export in exports)
        {
            Assert.False(await storage.ExistsAsync(export.StorageKey, CancellationToken.None));
        }

        await Quota.DeleteAsync(account.Id, source.Id, CancellationToken.None);

        await AssertLiveAsync(account.Id, [otherClip.Id, otherExport.Id], 200 + 70);
        Assert.False(await storage.ExistsAsync(copy.StorageKey, CancellationToken.None));
    }

    [Fact]
    public async Task An_evicted_clip_takes_its_exports_along()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 1_000, evict: true);
        var source = await SourceAsync(account.Id, stream.Id, 400);
        var oldest = await StoreAsync(Clip(account.Id, stream.Id, 1, 200), 200);
        var export = await DerivedAsync(Builders.ExportReservation(account.Id, stream.Id, "export-a", 100), oldest.Id);
        var newer = await StoreAsync(Clip(account.Id, stream.Id, 2, 200), 200);

        // 100 bytes free, 250 needed: the oldest clip goes, and its export, which nothing would list any more.
        var outcome = await Quota.ReserveAsync(Clip(account.Id, stream.Id, 9, 250, protect: [source.Id]), CancellationToken.None);

        Assert.Equal([oldest.Id], outcome.EvictedVodIds);
        await AssertLiveAsync(account.Id, [source.Id, newer.Id, outcome.Vod.Id], 400 + 200 + 250);
        Assert.False(await _host.Get<IVodStorage>().ExistsAsync(export.StorageKey, CancellationToken.None));
    }

    /// <summary>A stored source (archive) of the stream, of exactly <paramref name="bytes"/>.</summary>
    private Task<Vod> SourceAsync(int accountId, int streamId, long bytes) =>
        StoreAsync(new VodReservation(accountId, streamId, VodType.Archive, null, "archive-1", "Source", StorageKeys.Archive(accountId, streamId, ".mp4"), bytes), bytes);

    /// <summary>A stored export or browser copy made from <paramref name="sourceVodId"/>, as their services record it.</summary>
    private async Task<Vod> DerivedAsync(VodReservation reservation, int sourceVodId)
    {
        var stored = await StoreAsync(reservation, reservation.EstimatedBytes);
        await using var db = await _host.DbAsync();
        await db.Vods.Where(v => v.Id == stored.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.SourceVodId, sourceVodId));
        return stored;
    }

    private async Task AssertLiveAsync(int accountId, int[] ids, long usedBytes)
    {
        await using var db = await _host.DbAsync();
        Assert.Equal(ids.Order(), (await db.Vods.Where(v => v.AccountId == accountId).Select(v => v.Id).ToListAsync()).Order());
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId);
        Assert.Equal((usedBytes, ids.Length), (account.UsedBytes, account.VodCount));
        Assert.True((await Quota.CheckLedgerAsync(accountId, CancellationToken.None)).Balanced);
    }

    [Fact]
    public async Task Eviction_that_cannot_free_enough_evicts_nothing()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync(quotaBytes: 1_000, evict: true);
        var source = await SourceAsync(account.Id, stream.Id, 900);
        var clip = await StoreAsync(Clip(account.Id, stream.Id, 1, 100), 100);

        await Assert.ThrowsAsync<QuotaExceededException>(() => Quota.ReserveAsync(Clip(account.Id, stream.Id, 2, 500, protect: [source.Id]), CancellationToken.None));

        await using var db = await _host.DbAsync();
        Assert.Equal(2, await db.Vods.CountAsync());
        Assert.True(await _host.Get<IVodStorage>().ExistsAsync(clip.StorageKey, CancellationToken.None));
    }

    public sealed class OnSqlite : QuotaServiceTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : QuotaServiceTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
