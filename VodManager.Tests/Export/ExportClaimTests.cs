using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Data.Entities;
using VodManager.Core.Export;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Export;

/// <summary>Two processes on one database (the web app and the CLI) never render the same export twice; a dead holder's claim is taken over.</summary>
public sealed class ExportClaimTests
{
    [Fact]
    public async Task Two_processes_exporting_the_same_spec_make_one_export_and_the_second_returns_it()
    {
        await using var s = await ExportScenario.StartAsync();
        var settings = ExportScenario.ProfileSettings();
        settings["Database:ConnectionString"] = $"Data Source={s.Cut.Host.Get<DataPaths>().Database}";
        settings["Storage:LocalDisk:Root"] = s.Cut.Host.Get<DataPaths>().Storage;
        await using var other = await CoreHost.StartAsync(settings);
        var stages = new List<string>();
        var progress = new SyncProgress(p =>
        {
            lock (stages)
            {
                stages.Add(p.Stage);
            }
        });
        var spec = s.Spec(chat: true);

        var results = await Task.WhenAll(
            s.ExportAsync(spec, progress),
            other.Get<ExportService>().ExportAsync(spec, "export:test", progress, CancellationToken.None));

        Assert.Equal(results[0].VodId, results[1].VodId);
        Assert.Single(results, r => r.AlreadyExported);
        Assert.Contains("waiting", stages); // the second really met the first's claim, not its finished VOD
        var row = Assert.Single(await s.ExportRowsAsync());
        Assert.Equal(VodStatus.Stored, row.Status);
        Assert.Equal([row.StorageKey], await s.ExportObjectsAsync());
        await using (var db = await s.Cut.Host.DbAsync())
        {
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == s.AccountId);
            var live = await db.Vods.AsNoTracking().Where(v => v.AccountId == s.AccountId).SumAsync(v => v.SizeBytes);
            Assert.Equal(live, account.UsedBytes);
            Assert.False(await db.ExportClaims.AnyAsync(), "a claim outlived its export");
        }

        Assert.Empty(CutScenario.FilesUnder(other.Get<WorkAreas>().Exports.Folder));
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_claim_whose_holder_died_is_taken_over_with_its_reservation()
    {
        await using var s = await ExportScenario.StartAsync();
        var spec = s.Spec();
        // What a killed export leaves: its claim, no longer renewed (the lease lapsed), its charged pending row and a partial object.
        var key = StorageKeys.Export(s.AccountId, spec.ExternalId);
        await s.Cut.Host.Get<QuotaService>().ReserveAsync(
            Builders.ExportReservation(s.AccountId, s.Clip.StreamId, spec.ExternalId, 5_000_000, "dead attempt", protect: [s.Clip.Id]), CancellationToken.None);
        await s.Cut.Host.Get<IVodStorage>().PutAsync(key, new MemoryStream(new byte[1000]), 1000, CancellationToken.None);
        await using (var db = await s.Cut.Host.DbAsync())
        {
            db.ExportClaims.Add(new ExportClaim { AccountId = s.AccountId, ExternalId = spec.ExternalId, Token = "export:dead-job/1", ExpiresAt = DateTime.UtcNow.AddMinutes(-1) });
            await db.SaveChangesAsync();
        }

        var result = await s.ExportAsync(spec);

        Assert.False(result.AlreadyExported);
        var row = Assert.Single(await s.ExportRowsAsync());
        Assert.Equal((result.VodId, VodStatus.Stored), (row.Id, row.Status));
        Assert.True(row.SizeBytes > 1000, $"the stored object is the partial one ({row.SizeBytes} bytes)");
        Assert.Equal(row.SizeBytes, new FileInfo(await s.DownloadAsync(row)).Length);
        await using (var db = await s.Cut.Host.DbAsync())
        {
            Assert.False(await db.ExportClaims.AnyAsync(), "the taken-over claim outlived the export");
        }

        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task An_export_waits_while_a_live_claim_holds_it_and_a_cancel_leaves_nothing()
    {
        await using var s = await ExportScenario.StartAsync();
        var spec = s.Spec();
        await using (var db = await s.Cut.Host.DbAsync())
        {
            db.ExportClaims.Add(new ExportClaim { AccountId = s.AccountId, ExternalId = spec.ExternalId, Token = "export:other-process/1", ExpiresAt = DateTime.UtcNow.AddMinutes(5) });
            await db.SaveChangesAsync();
        }

        JobProgress? waiting = null;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => s.ExportAsync(spec, new SyncProgress(p => waiting ??= p.Stage == "waiting" ? p : null), cancel.Token));

        Assert.Contains("being rendered by another job", waiting?.Message);
        Assert.Empty(await s.ExportRowsAsync());
        await using (var db = await s.Cut.Host.DbAsync())
        {
            Assert.Equal("export:other-process/1", (await db.ExportClaims.SingleAsync()).Token); // the holder's claim is untouched
        }
    }
}
