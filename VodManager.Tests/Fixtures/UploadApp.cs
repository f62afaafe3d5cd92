using Microsoft.EntityFrameworkCore;
using VodManager.Core.Accounts;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Library;

namespace VodManager.Tests.Fixtures;

/// <summary>The real app on Kestrel with 1 MiB upload chunks and one account with one stream, for upload tests over HTTP and in the browser.</summary>
public sealed class UploadApp : IAsyncDisposable
{
    public const int ChunkBytes = 1 << 20;

    private UploadApp(RunningApp app, LiveStream stream, TestUser editor)
    {
        App = app;
        Stream = stream;
        Editor = editor;
    }

    public RunningApp App { get; }

    public LiveStream Stream { get; }

    /// <summary>An editor of the stream's account.</summary>
    public TestUser Editor { get; }

    public static async Task<UploadApp> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Import:UploadChunkBytes"] = ChunkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        values.Merge(settings);

        var app = await RunningApp.StartAsync(values);
        await using var db = await app.Get<IDbContextFactory<VodDbContext>>().CreateDbContextAsync();
        var account = new Account { Name = "Uploader", Plan = AccountPlan.Paid, QuotaBytes = 1L << 30, CreatedAt = DateTime.UtcNow };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        var editor = await app.AddUserAsync(account.Id, AccountRole.Editor);
        var upload = new UploadApp(app, null!, editor);
        return new UploadApp(app, await upload.AddStreamAsync("Stream waiting for its video"), editor);
    }

    /// <summary>Another stream of the same account (the editor's account), so tests do not share a source.</summary>
    public async Task<LiveStream> AddStreamAsync(string title)
    {
        await using var db = await App.Get<IDbContextFactory<VodDbContext>>().CreateDbContextAsync();
        var stream = new LiveStream
        {
            AccountId = (await db.Accounts.SingleAsync()).Id,
            Channel = "upload_channel",
            Title = title,
            StartedAt = DateTime.UtcNow.AddHours(-1),
            StartAssumed = true,
            CreatedAt = DateTime.UtcNow,
        };
        db.Streams.Add(stream);
        await db.SaveChangesAsync();
        return stream;
    }

    /// <summary>The SHA-256 of the stream's stored source, read back from storage.</summary>
    public async Task<byte[]> StoredSourceSha256Async(int streamId)
    {
        await using var db = await App.Get<IDbContextFactory<VodDbContext>>().CreateDbContextAsync();
        var source = await db.Vods.SingleAsync(v => v.StreamId == streamId && v.Type == VodType.Archive && v.Status == VodStatus.Stored);
        await using var stored = await App.Get<Core.Storage.IVodStorage>().OpenReadAsync(source.StorageKey, CancellationToken.None);
        return await System.Security.Cryptography.SHA256.HashDataAsync(stored);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
