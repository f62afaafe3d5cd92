using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;

namespace VodManager.Core.Export;

/// <summary>
/// Who renders an export or a browser copy, decided in the database so the web app and the CLI on the same database
/// never render the same one twice. A claim is one row per (account, external id) under a unique index: taking it is
/// an INSERT, or one conditional UPDATE when the row's lease has lapsed (its holder died without renewing). Of two
/// concurrent takers exactly one wins.
/// </summary>
public sealed class ExportClaims(IDbContextFactory<VodDbContext> dbFactory, IOptions<ExportOptions> options, TimeProvider time, ILogger<ExportClaims> logger)
{
    /// <summary>How often a render waiting for another's claim looks again: an encode takes seconds to minutes.</summary>
    private static readonly TimeSpan ClaimPoll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs <paramref name="work"/> holding the claim on the VOD's external id, waiting first while another render of it
    /// holds the claim (afterwards the reservation finds that one's VOD if it was stored, or this one renders when the
    /// other failed and let go). If the claim is lost meanwhile (its lease lapsed and another process took it over), the
    /// work is cancelled and <paramref name="lost"/> is thrown.
    /// </summary>
    /// <param name="what">What is rendered, for the waiting message ("the same export (…)").</param>
    internal async Task<T> WhileHeldAsync<T>(
        int accountId, string externalId, string what, string holder, IProgress<JobProgress>? progress,
        Func<CancellationToken, Task<T>> work, Func<TimeSpan, Exception> lost, CancellationToken cancellationToken)
    {
        var token = $"{holder}/{Guid.NewGuid():N}"; // per attempt: two callers with the same holder text are still two
        var waiting = false;
        while (!await TryClaimAsync(accountId, externalId, token, cancellationToken))
        {
            if (!waiting)
            {
                waiting = true;
                progress?.Report(new JobProgress("waiting", 1, $"{what} is being rendered by another job; waiting for it"));
                logger.LogInformation("{What} is claimed by another job; waiting for it", what);
            }

            await Task.Delay(ClaimPoll, time, cancellationToken);
        }

        await using var hold = new ExportClaimHold(this, accountId, externalId, token, options.Value.ClaimLease);
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, hold.Lost);
        try
        {
            return await work(held.Token);
        }
        catch (OperationCanceledException) when (hold.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw lost(options.Value.ClaimLease);
        }
    }

    public async Task<bool> TryClaimAsync(int accountId, string externalId, string token, CancellationToken cancellationToken)
    {
        var now = Now;
        var expires = now + options.Value.ClaimLease;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var takenOver = await db.ExportClaims
            .Where(c => c.AccountId == accountId && c.ExternalId == externalId && (c.Token == token || c.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Token, token).SetProperty(c => c.ExpiresAt, expires), cancellationToken);
        if (takenOver == 1)
        {
            return true;
        }

        db.ExportClaims.Add(new ExportClaim { AccountId = accountId, ExternalId = externalId, Token = token, ExpiresAt = expires });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return false; // a live holder has it (the unique index refused a second row)
        }
    }

    /// <summary>Extends this token's lease; false when the claim was lost (it lapsed and someone took it over).</summary>
    public async Task<bool> RenewAsync(int accountId, string externalId, string token, CancellationToken cancellationToken)
    {
        var expires = Now + options.Value.ClaimLease;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ExportClaims.Where(c => c.AccountId == accountId && c.ExternalId == externalId && c.Token == token)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, expires), cancellationToken) == 1;
    }

    /// <summary>Ends this token's claim (runs to completion even after a cancel); does nothing if it was lost.</summary>
    public async Task ReleaseAsync(int accountId, string externalId, string token)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.ExportClaims.Where(c => c.AccountId == accountId && c.ExternalId == externalId && c.Token == token).ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>The external ids of live claims (held by a running render somewhere), for the start-up sweep.</summary>
    public async Task<HashSet<(int AccountId, string ExternalId)>> LiveAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ExportClaims.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var live = await db.ExportClaims.Select(c => new { c.AccountId, c.ExternalId }).ToListAsync(cancellationToken);
        return live.Select(c => (c.AccountId, c.ExternalId)).ToHashSet();
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
