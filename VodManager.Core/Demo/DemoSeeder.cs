using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;

namespace VodManager.Core.Demo;

/// <summary>Gives a fresh install something real to show: a demo account with one generated stream.</summary>
public sealed class DemoSeeder(
    IDbContextFactory<VodDbContext> dbFactory,
    DemoStreamGenerator generator,
    VideoImportService videos,
    IngestService ingest,
    DetectionService detection,
    DataPaths paths,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public const string AccountName = "Demo Channel";

    /// <summary>Seeds when the database has no account yet; returns whether it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Accounts.AnyAsync(cancellationToken))
            {
                return false;
            }
        }

        await SeedAsync(cancellationToken);
        return true;
    }

    public async Task<LiveStream> SeedAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Seeding the demo account: generating a {Seconds} s demo stream under {Folder}", DemoStreamGenerator.DurationSeconds, paths.Demo);
        var files = await generator.GenerateAsync(paths.Demo, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var account = new Account
        {
            Name = AccountName,
            Plan = AccountPlan.Paid,
            QuotaBytes = 5L * 1024 * 1024 * 1024,
            RefinementBackend = "heuristic",
            CreatedAt = now,
        };
        var stream = new LiveStream
        {
            Account = account,
            Channel = "demo_channel",
            Title = "Demo stream: test pattern with loud moments",
            StartedAt = now.AddHours(-3),
            DurationSeconds = files.DurationSeconds,
            CreatedAt = now,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.Streams.Add(stream);
            await db.SaveChangesAsync(cancellationToken);
        }

        await videos.ImportLocalFileAsync(account.Id, stream.Id, files.Video, progress: null, cancellationToken);
        foreach (var (kind, path) in new[] { (IngestKind.Transcript, files.Transcript), (IngestKind.Chat, files.Chat), (IngestKind.Events, files.Events) })
        {
            await ingest.ImportAsync(account.Id, stream.Id, kind, path, progress: null, cancellationToken);
        }

        await detection.DetectAsync(account.Id, stream.Id, progress: null, cancellationToken);
        logger.LogInformation("Demo stream {StreamId} is ready", stream.Id);
        return stream;
    }
}
