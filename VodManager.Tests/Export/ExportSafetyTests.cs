using VodManager.Core;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Export;
using VodManager.Core.Jobs;
using VodManager.Core.Storage;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Export;

/// <summary>Bad input is refused with a clear reason, repeats make no second export, and failures leave nothing behind.</summary>
public sealed class ExportSafetyTests
{
    [Fact]
    public async Task An_unknown_profile_is_refused_naming_it_and_the_known_ones()
    {
        await using var s = await ExportScenario.StartAsync();

        var error = await Assert.ThrowsAsync<ExportException>(() => s.ExportAsync(s.Spec("tiktok-4k")));

        Assert.Equal($"Unknown export profile 'tiktok-4k'; the profiles are: {ExportScenario.Small}, {ExportScenario.Tiny} (Export:Profiles).", error.Message);
        Assert.Empty(await s.ExportRowsAsync());
        await s.AssertNothingLeftBehindAsync();
    }

    [Theory]
    [InlineData("x=1.5", "Framing position x=1.5 is outside 0..1")]
    [InlineData("left", "Framing 'left' is not one of: center, blur, x=<0..1>")]
    public void A_bad_framing_is_refused_with_the_forms_it_takes(string framing, string message)
    {
        var error = Assert.Throws<ExportException>(() => Framing.Parse(framing));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public async Task A_clip_without_video_is_refused_and_nothing_is_kept()
    {
        await using var s = await ExportScenario.StartAsync();
        var audioOnly = await TestMedia.GetAsync(new Core.Media.TestPatternSpec(4, Video: false));
        var storage = s.Cut.Host.Get<IVodStorage>();
        await using (var file = File.OpenRead(audioOnly))
        {
            await storage.PutAsync(s.Clip.StorageKey, file, null, CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<ExportException>(() => s.ExportAsync(s.Spec()));

        Assert.Equal($"The clip '{s.Clip.Title}' (VOD {s.Clip.Id}) has no video stream; only a video can be exported vertically.", error.Message);
        Assert.Empty(await s.ExportRowsAsync());
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_full_archive_is_not_a_clip()
    {
        await using var s = await ExportScenario.StartAsync();

        var error = await Assert.ThrowsAsync<ExportException>(() => s.ExportAsync(s.Spec() with { ClipVodId = s.Cut.Source.Id }));

        Assert.Contains("is a full stream archive, not a clip", error.Message);
    }

    [Fact]
    public async Task Exporting_the_same_clip_profile_framing_and_chat_twice_makes_one_export()
    {
        await using var s = await ExportScenario.StartAsync();

        var both = await Task.WhenAll(s.ExportAsync(s.Spec(framing: "x=0.3")), s.ExportAsync(s.Spec(framing: "x=0.30")));
        var again = await s.ExportAsync(s.Spec(framing: "x=0.3"));
        var other = await s.ExportAsync(s.Spec(framing: "x=0.3", chat: true));

        Assert.Equal(both[0].VodId, both[1].VodId);
        Assert.Single(both, r => r.AlreadyExported);
        Assert.Equal((both[0].VodId, true), (again.VodId, again.AlreadyExported));
        Assert.NotEqual(both[0].VodId, other.VodId);
        Assert.Equal(2, (await s.ExportRowsAsync()).Count);
        Assert.Equal(2, (await s.ExportObjectsAsync()).Count);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Cancelling_during_the_encode_leaves_nothing_behind()
    {
        await using var s = await ExportScenario.StartAsync();
        var before = await s.Cut.Host.Get<Core.Quota.QuotaService>().CheckLedgerAsync(s.AccountId, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Stage == "encoding")
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => s.ExportAsync(s.Spec("phone-180x320", "blur"), progress, cancel.Token));

        Assert.Empty(await s.ExportRowsAsync());
        Assert.Equal(before, await s.Cut.Host.Get<Core.Quota.QuotaService>().CheckLedgerAsync(s.AccountId, CancellationToken.None));
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task An_export_that_does_not_fit_the_quota_is_refused_with_the_shortfall()
    {
        await using var s = await ExportScenario.StartAsync();
        await using (var db = await s.Cut.Host.DbAsync())
        {
            var account = await db.Accounts.FindAsync(s.AccountId);
            account!.QuotaBytes = account.UsedBytes + 1000;
            await db.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<ExportException>(() => s.ExportAsync(s.Spec()));

        Assert.StartsWith("No room for this export:", error.Message);
        Assert.Empty(await s.ExportRowsAsync());
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task On_blob_storage_an_export_is_stored_and_a_failed_one_leaves_no_blob_row_or_quota()
    {
        await using var s = await ExportScenario.StartAsync(await CutScenario.BlobSettingsAsync());

        var done = await s.ExportAsync(s.Spec(framing: "blur"));
        var media = await TestMedia.Probe().ProbeAsync(await s.DownloadAsync(await s.VodAsync(done.VodId)), CancellationToken.None);
        Assert.Equal((180, 320), (media.Width, media.Height));

        // The clip's blob is replaced by garbage: the export fails after the reservation was made (ffmpeg cannot read
        // the clip; the recorded figures spared a probe before, so one is made to say why).
        await using (var garbage = new MemoryStream(Enumerable.Range(0, 200_000).Select(i => (byte)(i * 13)).ToArray()))
        {
            await s.Cut.Host.Get<IVodStorage>().PutAsync(s.Clip.StorageKey, garbage, null, CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<ExportException>(() => s.ExportAsync(s.Spec()));

        Assert.Contains("is not readable media", error.Message);
        Assert.Single(await s.ExportRowsAsync());
        Assert.Single(await s.ExportObjectsAsync());
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task The_start_up_sweep_releases_an_interrupted_export_and_removes_orphan_objects()
    {
        await using var s = await ExportScenario.StartAsync();
        var kept = await s.ExportAsync(s.Spec());
        var quota = s.Cut.Host.Get<Core.Quota.QuotaService>();
        var pending = await quota.ReserveAsync(Builders.ExportReservation(s.AccountId, s.Cut.StreamId, "export-crashed", 50_000, "crashed"), CancellationToken.None);
        var storage = s.Cut.Host.Get<IVodStorage>();
        await storage.PutAsync(pending.Vod.StorageKey, new MemoryStream(new byte[1000]), 1000, CancellationToken.None);
        await storage.PutAsync(StorageKeys.Export(s.AccountId, "export-orphan"), new MemoryStream(new byte[1000]), 1000, CancellationToken.None);
        var deadNodeFolder = Path.Combine(s.Cut.Host.Get<WorkAreas>().Exports.Root, "a-node-that-died");
        Directory.CreateDirectory(deadNodeFolder);
        await File.WriteAllTextAsync(Path.Combine(deadNodeFolder, "graph.txt"), "left by a killed export");

        var repaired = await s.Cut.Host.Get<ExportRecoverySweep>().RunAsync(CancellationToken.None);

        Assert.Equal(3, repaired);
        Assert.Equal([kept.VodId], (await s.ExportRowsAsync()).Select(v => v.Id));
        await s.AssertNothingLeftBehindAsync();
    }
}
