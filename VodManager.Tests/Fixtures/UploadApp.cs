using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;

namespace VodManager.Tests.Fixtures;

/// <summary>The real app on Kestrel with 1 MiB upload chunks and one account with one stream, for upload tests over HTTP and in the browser.</summary>
public sealed class UploadApp : IAsyncDisposable
{
    public const int ChunkBytes = 1 << 20;

    private UploadApp(RunningApp app, LiveStream stream)
    {
        App = app;
        Stream = stream;
    }

    public RunningApp App { get; }

    public LiveStream Stream { get; }

    public static async Task<UploadApp> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Import:UploadChunkBytes"] = ChunkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = await RunningApp.StartAsync(values);
        await using var db = await app.Get<IDbContextFactory<VodDbContext>>().CreateDbContextAsync();
        var stream = new LiveStream
        {
            Account = new Account { Name = "Uploader", Plan = AccountPlan.Paid, QuotaBytes = 1L << 30, CreatedAt = DateTime.UtcNow },
            Channel = "upload_channel",
            Title = "Stream waiting for its video",
            StartedAt = DateTime.UtcNow.AddHours(-1),
            CreatedAt = DateTime.UtcNow,
        };
        db.Streams.Add(stream);
        await db.SaveChangesAsync();
        return new UploadApp(app, stream);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
