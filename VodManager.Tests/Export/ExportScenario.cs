using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Export;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Export;

/// <summary>
/// A real cut clip (2–6 s of the 20 s 320x180 test stream, copy mode: it starts on the keyframe at 2 s) ready to
/// export, with small profiles so each encode takes a moment, and the checks that nothing was left behind.
/// </summary>
internal sealed class ExportScenario : IAsyncDisposable
{
    public const string Small = "phone-180x320";
    public const string Tiny = "tiny-144x256";

    private ExportScenario(CutScenario cut, Vod clip)
    {
        Cut = cut;
        Clip = clip;
    }

    public CutScenario Cut { get; }

    /// <summary>The clip: its source range is exactly 2–6 s of the stream.</summary>
    public Vod Clip { get; }

    public int AccountId => Cut.AccountId;

    public ExportService Exports => Cut.Host.Get<ExportService>();

    public static Dictionary<string, string?> ProfileSettings() => new()
    {
        [$"Export:Profiles:{Small}:Width"] = "180",
        [$"Export:Profiles:{Small}:Height"] = "320",
        [$"Export:Profiles:{Small}:Preset"] = "ultrafast",
        [$"Export:Profiles:{Small}:VideoBitrateKbps"] = "600",
        [$"Export:Profiles:{Small}:AudioBitrateKbps"] = "64",
        [$"Export:Profiles:{Tiny}:Width"] = "144",
        [$"Export:Profiles:{Tiny}:Height"] = "256",
        [$"Export:Profiles:{Tiny}:Preset"] = "ultrafast",
        [$"Export:Profiles:{Tiny}:VideoBitrateKbps"] = "300",
        [$"Export:Profiles:{Tiny}:FrameRate"] = "15",
        ["Export:DefaultProfile"] = Small,
    };

    /// <param name="rotation">The source's display rotation (<see cref="TestMedia.GetRotatedAsync"/>).</param>
    public static async Task<ExportScenario> StartAsync(IDictionary<string, string?>? settings = null, int rotation = 0)
    {
        var all = ProfileSettings();
        all.Merge(settings);

        var cut = await CutScenario.StartAsync(all, countReads: false, rotation: rotation);
        try
        {
            var highlight = await cut.AddHighlightAsync(2, 6);
            var result = Assert.Single(await cut.CutAsync(CutMode.Copy, highlight.Id));
            Assert.True(result.HasClip, result.Reason);
            return new ExportScenario(cut, (await cut.HighlightAsync(highlight.Id)).ClipVod!);
        }
        catch
        {
            await cut.DisposeAsync();
            throw;
        }
    }

    public ExportSpec Spec(string profile = Small, string framing = "center", bool chat = false) =>
        new(AccountId, Clip.Id, profile, Framing.Parse(framing), chat);

    public Task<ExportResult> ExportAsync(ExportSpec spec, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Exports.ExportAsync(spec, "export:test", progress, cancellationToken);

    /// <summary>Transcript segments in stream time.</summary>
    public async Task AddTranscriptAsync(params (double Start, double End, string Text)[] segments)
    {
        await using var db = await Cut.Host.DbAsync();
        db.TranscriptSegments.AddRange(segments.Select(s => new TranscriptSegment { StreamId = Cut.StreamId, StartSeconds = s.Start, EndSeconds = s.End, Text = s.Text }));
        await db.SaveChangesAsync();
    }

    public async Task AddChatAsync(params (double At, string Author, string Text)[] messages)
    {
        await using var db = await Cut.Host.DbAsync();
        db.ChatMessages.AddRange(messages.Select(m => new ChatMessage { StreamId = Cut.StreamId, OffsetSeconds = m.At, AuthorName = m.Author, Text = m.Text }));
        await db.SaveChangesAsync();
    }

    public async Task<Vod> VodAsync(int id)
    {
        await using var db = await Cut.Host.DbAsync();
        return await db.Vods.AsNoTracking().SingleAsync(v => v.Id == id);
    }

    /// <summary>Every export row of the account, soft-deleted and pending ones included.</summary>
    public async Task<List<Vod>> ExportRowsAsync()
    {
        await using var db = await Cut.Host.DbAsync();
        return await db.Vods.IgnoreQueryFilters().AsNoTracking().Where(v => v.AccountId == AccountId && v.Type == VodType.Export).ToListAsync();
    }

    public async Task<List<string>> ExportObjectsAsync() =>
        (await Leftovers.StoredKeysAsync(Cut.Host.Services, AccountId)).Where(k => k.StartsWith(StorageKeys.ExportPrefix(AccountId), StringComparison.Ordinal)).ToList();

    /// <summary>A local file with the stored bytes of a VOD (downloaded when storage is remote).</summary>
    public async Task<string> DownloadAsync(Vod vod)
    {
        var path = Path.Combine(Cut.Host.Folder.Path, $"download-{vod.Id}-{Guid.NewGuid():N}.mp4");
        await using var input = await Cut.Host.Get<IVodStorage>().OpenReadAsync(vod.StorageKey, CancellationToken.None);
        await using var file = File.Create(path);
        await input.CopyToAsync(file);
        return path;
    }

    /// <summary>No pending export rows, no export object without a live row and none missing, no work files, ledger balanced, nothing pinned.</summary>
    public async Task AssertNothingLeftBehindAsync()
    {
        var rows = await ExportRowsAsync();
        Assert.DoesNotContain(rows, v => v.Status == VodStatus.Pending);
        Assert.Equal(rows.Where(v => v.DeletedAt is null).Select(v => v.StorageKey).Order(), (await ExportObjectsAsync()).Order());
        var ledger = await Cut.Host.Get<QuotaService>().CheckLedgerAsync(AccountId, CancellationToken.None);
        Assert.True(ledger.Balanced, $"ledger {ledger}");
        Assert.Empty(CutScenario.FilesUnder(Cut.Host.Get<WorkAreas>().Exports.Folder));
        await using var db = await Cut.Host.DbAsync();
        Assert.False(await db.VodPins.AnyAsync(p => p.ExpiresAt > DateTime.UtcNow), "a pin outlived its export");
    }

    public ValueTask DisposeAsync() => Cut.DisposeAsync();
}
