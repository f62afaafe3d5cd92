using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Data;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;

namespace VodManager.Demo;

/// <summary>
/// Gives a fresh install something real to show: a demo account with one generated stream, owned by the demo user
/// whose documented default password (Accounts:DemoPassword) is meant for the embedded demo only.
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<VodDbContext> dbFactory,
    IServiceScopeFactory scopes,
    AccountMembers members,
    IOptions<AccountsOptions> accounts,
    DemoStreamGenerator generator,
    VideoImportService videos,
    IngestService ingest,
    DetectionService detection,
    ClipCutter cutter,
    StreamManager streams,
    DataPaths paths,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public const string AccountName = "Demo Channel";

    /// <summary>
    /// Seeds when the database has no account yet; returns whether it did. A demo account seeded before sign-in
    /// existed gets its owner now, so an upgraded install can still be opened.
    /// </summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Accounts.AnyAsync(cancellationToken))
            {
                var unowned = await db.Accounts.Where(a => a.Name == AccountName && !db.AccountMembers.Any(m => m.AccountId == a.Id))
                    .Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
                if (unowned is { } id)
                {
                    await EnsureDemoOwnerAsync(id, cancellationToken);
                }

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
            Title = "Demo stream: cheers, a raid, a hype train and a quiet break",
            StartedAt = now.AddHours(-3),
            DurationSeconds = files.DurationSeconds,
            CreatedAt = now,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.Streams.Add(stream);
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            await videos.ImportLocalFileAsync(account.Id, stream.Id, files.Video, progress: null, cancellationToken);
            foreach (var (kind, path) in new[] { (IngestKind.Transcript, files.Transcript), (IngestKind.Chat, files.Chat), (IngestKind.Events, files.Events) })
            {
                await ingest.ImportAsync(account.Id, stream.Id, kind, path, progress: null, cancellationToken);
            }

            await detection.DetectAsync(account.Id, stream.Id, progress: null, cancellationToken);
            await CutBestAsync(account.Id, stream.Id, cancellationToken);
            await EnsureDemoOwnerAsync(account.Id, cancellationToken);
        }
        catch
        {
            await RemoveAsync(account.Id, stream.Id);
            throw;
        }

        logger.LogInformation("Demo stream {StreamId} is ready", stream.Id);
        return stream;
    }

    /// <summary>
    /// Undoes a seed that failed part-way. A half-made demo account would stay: the next start finds an account and
    /// seeds no more (it gives the broken demo an owner), and each `seed-demo` would add another beside it.
    /// </summary>
    private async Task RemoveAsync(int accountId, int streamId)
    {
        try
        {
            // Its stored objects and their quota through the stream's own delete, so nothing is orphaned in storage.
            await streams.DeleteAsync(accountId, streamId, CancellationToken.None);
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.AccountMembers.Where(m => m.AccountId == accountId).ExecuteDeleteAsync(CancellationToken.None);
            await db.Accounts.Where(a => a.Id == accountId).ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The demo seed failed, and what it had made (account {AccountId}, stream {StreamId}) could not all be removed", accountId, streamId);
        }
    }

    /// <summary>Cuts the best highlight (a stream copy, about a second), so the clips library and "Export vertical" have something from the start.</summary>
    private async Task CutBestAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var best = await db.Highlights.Where(h => h.StreamId == streamId).OrderBy(h => h.Rank).Select(h => (int?)h.Id).FirstOrDefaultAsync(cancellationToken);
        if (best is { } id)
        {
            await cutter.CutAsync(new CutBatch(accountId, [id], CutMode.Copy, $"demo-seed-{id}", "demo seed"), progress: null, cancellationToken);
        }
    }

    /// <summary>Makes the demo user (created on first need, with the documented default password) an owner of the account.</summary>
    private async Task EnsureDemoOwnerAsync(int accountId, CancellationToken cancellationToken)
    {
        var demo = accounts.Value;
        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(demo.DemoEmail) is not null)
        {
            await members.AddAsync(accountId, demo.DemoEmail, AccountRole.Owner, cancellationToken);
        }
        else
        {
            var created = await scope.ServiceProvider.GetRequiredService<AccountProvisioning>().CreateOwnerAsync(demo.DemoEmail, demo.DemoPassword, accountId, cancellationToken);
            if (!created.Succeeded)
            {
                throw new ConfigurationException($"{AccountsOptions.Section}:DemoPassword", $"the demo owner could not be created: {created.Error}");
            }
        }

        logger.LogInformation("Demo owner {Email} owns account {AccountId}", demo.DemoEmail, accountId);
    }
}
