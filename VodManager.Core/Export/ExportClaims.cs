using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;

namespace VodManager.Core.Export;

/// <summary>
/// Who renders an export, decided in the database so the web app and the CLI on the same database never render the
/// same (clip, profile, framing, chat) twice. A claim is one row per (account, external id) under a unique index:
/// taking it is an INSERT, or one conditional UPDATE when the row's lease has lapsed (its holder died without
/// renewing). Of two concurrent takers exactly one wins.
/// </summary>
public sealed class ExportClaims(IDbContextFactory<VodDbContext> dbFactory, IOptions<ExportOptions> options, TimeProvider time, ILogger<ExportClaims> logger)
{
    /// <summary>How often an export waiting for another's claim looks again: an encode takes seconds to minutes.</summary>
    private static readonly TimeSpan ClaimPoll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Takes the export's claim, waiting while another export of the same spec holds it. Afterwards the reservation
    /// finds that export's VOD if it was stored, or this one renders when the other failed and let go.
    /// </summary>
    internal async Task<ExportClaimHold> HoldAsync(ExportSpec spec, string holder, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var token = $"{holder}/{Guid.NewGuid():N}"; // per attempt: two callers with the same holder text are still two
        var waiting = false;
        while (!await TryClaimAsync(spec.AccountId, spec.ExternalId, token, cancellationToken))
        {
            if (!waiting)
            {
                waiting = true;
                progress?.Report(new JobProgress("waiting", 1, $"the same export ({spec}) is being rendered by another job; waiting for it"));
                logger.LogInformation("Export {Spec} is claimed by another job; waiting for it", spec);
            }

            await Task.Delay(ClaimPoll, time, cancellationToken);
        }

        return new ExportClaimHold(this, spec, token, options.Value.ClaimLease);
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
        catch (DbUpdateException)
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

    /// <summary>The export external ids of live claims (held by a running export somewhere), for the start-up sweep.</summary>
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
