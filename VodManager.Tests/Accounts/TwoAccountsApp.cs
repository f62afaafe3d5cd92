using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Library;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Accounts;

/// <summary>
/// One running app, two tenants side by side: the demo account (A, owned by the demo user, with a viewer) and a
/// rival account (B, with its own owner, stream, source video, highlights and a stored clip). Tests sign in as A's
/// people and reach for B's things.
/// </summary>
public sealed class TwoAccountsApp : IAsyncLifetime
{
    public RunningApp App { get; private set; } = default!;

    public LiveStream StreamA { get; private set; } = default!;

    public LiveStream StreamB { get; private set; } = default!;

    public Highlight HighlightB { get; private set; } = default!;

    public Vod SourceB { get; private set; } = default!;

    public Vod ClipB { get; private set; } = default!;

    public TestUser OwnerB { get; private set; } = default!;

    public TestUser ViewerA { get; private set; } = default!;

    /// <summary>A viewer in A and the owner of B, for switching between them.</summary>
    public TestUser InBoth { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App = await RunningApp.StartAsync(seedDemo: true);
        await using var db = await EditorData.Db(App.Services);
        StreamA = await db.Streams.AsNoTracking().SingleAsync();
        StreamB = new LiveStream
        {
            Account = new Account { Name = "Rival Channel", Plan = AccountPlan.Paid, QuotaBytes = 1L << 30, CreatedAt = DateTime.UtcNow },
            Channel = "rival_channel",
            Title = "Rival stream: secret finale",
            StartedAt = DateTime.UtcNow.AddHours(-2),
            CreatedAt = DateTime.UtcNow,
        };
        db.Streams.Add(StreamB);
        await db.SaveChangesAsync();
        var accountB = StreamB.AccountId;

        SourceB = await App.Get<VideoImportService>().ImportLocalFileAsync(accountB, StreamB.Id, Path.Combine(App.Get<DataPaths>().Demo, "demo.mp4"), null, CancellationToken.None);
        HighlightB = (await EditorData.AddHighlightsAsync(App.Services, accountB, StreamB.Id))[0];
        ClipB = await AddClipAsync(accountB, HighlightB);

        OwnerB = await App.AddUserAsync(accountB, AccountRole.Owner, "owner@rival.test");
        ViewerA = await App.AddUserAsync(StreamA.AccountId, AccountRole.Viewer, "viewer@demo.test");
        InBoth = await App.AddUserAsync(StreamA.AccountId, AccountRole.Viewer, "both@demo.test");
        var members = App.Get<Core.Accounts.AccountMembers>();
        await members.AddAsync(accountB, InBoth.Email, AccountRole.Owner, CancellationToken.None);

        // Signs in to A (the account last used) though B is the one they own: the switcher test starts there.
        await members.MarkUsedAsync(InBoth.Id, StreamA.AccountId, CancellationToken.None);
    }

    /// <summary>A stored clip of the highlight, as the cutter leaves one (tests read it, nobody plays it).</summary>
    private async Task<Vod> AddClipAsync(int accountId, Highlight highlight)
    {
        var key = StorageKeys.Clip(accountId, highlight.Id);
        var bytes = new byte[64 * 1024];
        Random.Shared.NextBytes(bytes);
        await App.Get<IVodStorage>().PutAsync(key, new MemoryStream(bytes), bytes.Length, CancellationToken.None);
        await using var db = await EditorData.Db(App.Services);
        var clip = new Vod
        {
            AccountId = accountId, StreamId = highlight.StreamId, Type = VodType.Highlight, Provenance = VodProvenance.AutoClip, ExternalId = $"highlight-{highlight.Id}",
            Title = "Rival clip", StorageKey = key, SizeBytes = bytes.Length, Status = VodStatus.Stored, HighlightId = highlight.Id, CreatedAt = DateTime.UtcNow, StoredAt = DateTime.UtcNow,
        };
        db.Vods.Add(clip);
        await db.SaveChangesAsync();
        await db.Highlights.Where(h => h.Id == highlight.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.ClipVodId, clip.Id));
        return clip;
    }

    /// <summary>A signed read URL for a key, relative to the app (as the pages hand them to the browser).</summary>
    public string MediaPath(string key) => App.Get<MediaUrlSigner>().SignPath(key, TimeSpan.FromMinutes(10));

    public async Task DisposeAsync() => await App.DisposeAsync();
}
