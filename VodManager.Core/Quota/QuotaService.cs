using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Accounts;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Diagnostics;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Storage;

namespace VodManager.Core.Quota;

/// <summary>
/// The only code that changes an account's ledger. Every VOD write (archive import, clip, export) reserves first,
/// writes, then commits or releases, so <c>UsedBytes</c> always equals the bytes of the account's live VOD rows and
/// two concurrent writers can never overshoot the plan: each charge is one conditional UPDATE.
/// </summary>
public sealed class QuotaService(
    IDbContextFactory<VodDbContext> dbFactory,
    IVodStorage storage,
    VodPins pins,
    IOptions<QuotaOptions> options,
    TimeProvider time,
    ILogger<QuotaService> logger)
{
    /// <summary>
    /// Charges the estimate and creates (or reuses, by external id) a pending VOD row. Throws
    /// <see cref="QuotaExceededException"/> when it cannot fit, after evicting old clips if the account allows it.
    /// Callers must own the external id (e.g. by claiming the highlight) so two writers never share one row.
    /// </summary>
    public async Task<ReservationOutcome> ReserveAsync(VodReservation request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(request.EstimatedBytes);
        StorageKeys.Validate(request.StorageKey);
        using var activity = VodActivities.Start(VodActivities.QuotaReserve);
        var evicted = new List<int>();
        for (var attempt = 0; ; attempt++)
        {
            long deltaBytes = 0;
            var deltaCount = 0;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var outcome = await db.InTransactionAsync(async ct =>
            {
                var existing = await db.Vods.IgnoreQueryFilters()
                    .SingleOrDefaultAsync(v => v.AccountId == request.AccountId && v.ExternalId == request.ExternalId, ct);
                if (existing is { DeletedAt: null, Status: VodStatus.Stored })
                {
                    return new ReservationOutcome(existing, AlreadyStored: true, StaleKey: null, evicted);
                }

                // A live pending row is a crashed attempt's reservation: it is already charged.
                var live = existing is { DeletedAt: null };
                deltaBytes = request.EstimatedBytes - (live ? existing!.SizeBytes : 0);
                deltaCount = live ? 0 : 1;
                if (!await TryChargeAsync(db, request.AccountId, deltaBytes, deltaCount, ct))
                {
                    return null;
                }

                var vod = existing ?? new Vod { ExternalId = request.ExternalId, Title = request.Title, StorageKey = request.StorageKey };
                var staleKey = existing?.StorageKey;
                Fill(vod, request);
                if (existing is null)
                {
                    db.Vods.Add(vod);
                }

                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation())
                {
                    throw new VodWriteConflictException(request.ExternalId, e);
                }

                return new ReservationOutcome(vod, AlreadyStored: false, staleKey, evicted);
            }, cancellationToken);
            if (outcome is not null)
            {
                VodMetrics.QuotaReservations.Add(1, new KeyValuePair<string, object?>(VodMetrics.OutcomeTag, outcome.AlreadyStored ? "already_stored" : "reserved"));
                if (!outcome.AlreadyStored && deltaBytes > 0)
                {
                    VodMetrics.QuotaReservedBytes.Add(deltaBytes);
                }

                return outcome;
            }

            if (attempt == 0)
            {
                var freed = await EvictForAsync(request, deltaBytes, deltaCount, cancellationToken);
                if (freed.Count > 0)
                {
                    evicted.AddRange(freed);
                    continue;
                }
            }

            VodMetrics.QuotaReservations.Add(1, new KeyValuePair<string, object?>(VodMetrics.OutcomeTag, "refused"));
            throw new QuotaExceededException(await DescribeShortfallAsync(request.AccountId, deltaBytes, deltaCount, cancellationToken));
        }
    }

    /// <summary>
    /// Reserves like <see cref="ReserveAsync"/> and hands back the write that owns the reservation: dispose it in every
    /// case; without a commit that releases it. A crashed attempt's partial object is removed first (unless the write
    /// takes up what it staged, <see cref="VodReservation.TakesUpStaged"/>), and
    /// <paramref name="workFolder"/> (when given) is created for the write and removed with it.
    /// </summary>
    public async Task<VodWrite> BeginWriteAsync(VodReservation request, string? workFolder, CancellationToken cancellationToken)
    {
        var reservation = await ReserveAsync(request, cancellationToken);
        var write = new VodWrite(this, storage, reservation, reservation.AlreadyStored ? null : workFolder);
        if (reservation.AlreadyStored)
        {
            return write;
        }

        try
        {
            // Deleting a key also drops a Blob's uncommitted blocks: a write taken up from them keeps them.
            if (reservation.StaleKey is { } stale && !request.TakesUpStaged)
            {
                await storage.DeleteAsync(stale, CancellationToken.None);
            }

            if (write.WorkFolder is not null)
            {
                Directory.CreateDirectory(write.WorkFolder);
            }

            return write;
        }
        catch
        {
            await write.DisposeAsync();
            throw;
        }
    }

    /// <summary>The write of a reservation made earlier and kept by a record of its own (<see cref="VodWrite.HandOver"/>).</summary>
    public VodWrite ResumeWrite(Vod pending) => new(this, storage, new ReservationOutcome(pending, AlreadyStored: false, StaleKey: null, []), null);

    /// <summary>Turns a pending reservation into a stored VOD, charging or refunding the difference to the real size.</summary>
    public Task<Vod> CommitAsync(int vodId, long actualBytes, MediaInfo? media, CancellationToken cancellationToken) =>
        CommitAsync(vodId, actualBytes, media, null, cancellationToken);

    /// <summary>
    /// Turns a pending reservation into a stored VOD, charging or refunding the difference to the real size.
    /// <paramref name="alongside"/>, when given, writes what belongs with the stored VOD (a clip's link to its
    /// highlight) in the same transaction, so neither is ever saved without the other.
    /// </summary>
    public async Task<Vod> CommitAsync(int vodId, long actualBytes, MediaInfo? media, Func<VodDbContext, CancellationToken, Task>? alongside, CancellationToken cancellationToken)
    {
        using var activity = VodActivities.Start(VodActivities.QuotaCommit);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async ct =>
        {
            var vod = await db.Vods.SingleAsync(v => v.Id == vodId, ct);
            if (vod.Status != VodStatus.Pending)
            {
                throw new InvalidOperationException($"VOD {vodId} is not pending; it cannot be committed twice.");
            }

            var delta = actualBytes - vod.SizeBytes;
            if (!await TryChargeAsync(db, vod.AccountId, delta, 0, ct))
            {
                throw new QuotaExceededException(await DescribeShortfallAsync(vod.AccountId, delta, 0, ct));
            }

            vod.SizeBytes = actualBytes;
            vod.Status = VodStatus.Stored;
            vod.StoredAt = time.GetUtcNow().UtcDateTime;
            if (media is not null)
            {
                vod.DurationSeconds = media.DurationSeconds;
                vod.VideoCodec = media.VideoCodec;
                vod.AudioCodec = media.AudioCodec;
                vod.Width = media.Width;
                vod.Height = media.Height;
            }

            await db.SaveChangesAsync(ct);
            if (alongside is not null)
            {
                await alongside(db, ct);
            }

            return vod;
        }, cancellationToken);
    }

    /// <summary>
    /// Undoes a reservation whose write failed or was cancelled: refunds it, removes the row and whatever was written.
    /// Runs to completion even when the job's token is already cancelled.
    /// </summary>
    public async Task ReleaseAsync(int vodId)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var released = await db.InTransactionAsync(async ct =>
        {
            var vod = await db.Vods.IgnoreQueryFilters().SingleOrDefaultAsync(v => v.Id == vodId, ct);
            if (vod is null || vod.Status != VodStatus.Pending)
            {
                return null;
            }

            if (vod.DeletedAt is null)
            {
                await ChargeUnconditionallyAsync(db, vod.AccountId, -vod.SizeBytes, -1, ct);
            }

            db.Vods.Remove(vod);
            await db.SaveChangesAsync(ct);
            return vod;
        }, CancellationToken.None);
        if (released is not null)
        {
            await storage.DeleteAsync(released.StorageKey, CancellationToken.None);
        }
    }

    /// <summary>
    /// Soft-deletes a stored VOD and frees its bytes; refused while a job has it pinned. A clip's highlight goes back
    /// to "no clip". The row stays (keeping its external id) so a later cut of the same highlight reuses it. What was
    /// made from it goes with it (a clip's exports, a source's browser copy): nothing lists them without it.
    /// </summary>
    public async Task DeleteAsync(int accountId, int vodId, CancellationToken cancellationToken)
    {
        List<string> keys;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            keys = await db.InTransactionAsync(ct => DeleteWithinAsync(db, accountId, vodId, ct), cancellationToken);
        }

        await RemoveObjectsAsync(keys);
    }

    /// <summary>
    /// <see cref="DeleteAsync"/>'s soft delete inside the caller's transaction (a clip replaced by the one committed
    /// with it): nothing is gone unless that transaction commits. Returns the storage keys to remove once it has
    /// (<see cref="RemoveObjectsAsync"/>).
    /// </summary>
    public async Task<List<string>> DeleteWithinAsync(VodDbContext db, int accountId, int vodId, CancellationToken cancellationToken)
    {
        var vod = await db.Vods.SingleOrDefaultAsync(v => v.Id == vodId && v.AccountId == accountId, cancellationToken)
            ?? throw new VodNotFoundException(vodId);
        if ((await pins.PinnedAsync(db, cancellationToken)).Contains(vodId))
        {
            throw new VodInUseException(vodId);
        }

        var gone = await SoftDeleteWithDerivedAsync(db, [vod], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return gone;
    }

    /// <summary>
    /// Removes deleted VODs' objects, to completion even when the caller is cancelled: their rows are gone already. A
    /// clip's or an export's missed by a crash is an object no live row owns, which the next start-up's sweep removes.
    /// </summary>
    public async Task RemoveObjectsAsync(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            await storage.DeleteAsync(key, CancellationToken.None);
        }
    }

    /// <summary>The bytes an account may keep: its own quota, and on the free tier no more than Quota:FreeTierQuotaBytes; null when unlimited.</summary>
    public long? ByteLimitOf(Account account) =>
        account.Plan == AccountPlan.Free ? Math.Min(account.QuotaBytes ?? long.MaxValue, options.Value.FreeTierQuotaBytes) : account.QuotaBytes;

    /// <summary>The account's ledger next to what its live rows add up to; equal unless something bypassed this service.</summary>
    public async Task<LedgerCheck> CheckLedgerAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        var rows = await db.Vods.Where(v => v.AccountId == accountId).Select(v => v.SizeBytes).ToListAsync(cancellationToken);
        return new LedgerCheck(account.UsedBytes, rows.Sum(), account.VodCount, rows.Count);
    }

    private async Task<List<int>> EvictForAsync(VodReservation request, long neededBytes, int neededCount, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == request.AccountId, cancellationToken);
        if (!account.EvictOldClips)
        {
            return [];
        }

        var keep = (await pins.PinnedAsync(db, cancellationToken)).Union(request.ProtectedVodIds ?? []).ToHashSet();
        var candidates = await EvictionPolicy.CandidatesQuery(db, request.AccountId).ToListAsync(cancellationToken);
        var chosen = EvictionPolicy.Choose(account, ByteLimitOf(account), candidates.Where(v => !keep.Contains(v.Id)).ToList(), neededBytes, neededCount);
        var chosenIds = chosen.Select(v => v.Id).ToList();
        var keys = await db.InTransactionAsync(async ct =>
        {
            // Re-read inside: the strategy may replay this after a transient failure, with an empty change tracker.
            var gone = await SoftDeleteWithDerivedAsync(db, await db.Vods.Where(v => chosenIds.Contains(v.Id)).ToListAsync(ct), ct);
            await db.SaveChangesAsync(ct);
            return gone;
        }, cancellationToken);

        await RemoveObjectsAsync(keys);
        if (chosen.Count > 0)
        {
            logger.LogInformation("Evicted {Count} old clips of account {AccountId} to fit {ExternalId}", chosen.Count, request.AccountId, request.ExternalId);
        }

        return chosenIds;
    }

    /// <summary>
    /// Soft-deletes the VODs and the stored ones made from them (exports of a clip, a source's browser copy; no job
    /// reads those, so none is pinned); returns the storage keys to remove once the transaction has committed.
    /// </summary>
    private async Task<List<string>> SoftDeleteWithDerivedAsync(VodDbContext db, List<Vod> vods, CancellationToken cancellationToken)
    {
        var ids = vods.Select(v => v.Id).ToList();
        var derived = await db.Vods
            .Where(v => v.SourceVodId != null && ids.Contains(v.SourceVodId.Value) && v.Status == VodStatus.Stored && VodTypes.Derived.Contains(v.Type))
            .ToListAsync(cancellationToken);
        foreach (var vod in vods.Concat(derived))
        {
            await SoftDeleteAsync(db, vod, cancellationToken);
        }

        return [.. vods.Concat(derived).Select(v => v.StorageKey)];
    }

    private async Task SoftDeleteAsync(VodDbContext db, Vod vod, CancellationToken cancellationToken)
    {
        await ChargeUnconditionallyAsync(db, vod.AccountId, -vod.SizeBytes, -1, cancellationToken);
        vod.DeletedAt = time.GetUtcNow().UtcDateTime;
        await db.Highlights.Where(h => h.ClipVodId == vod.Id).ExecuteUpdateAsync(
            s => s.SetProperty(h => h.ClipVodId, (int?)null).SetProperty(h => h.ClipStatus, ClipStatus.None).SetProperty(h => h.ClipError, (string?)null),
            cancellationToken);
    }

    private async Task<bool> TryChargeAsync(VodDbContext db, int accountId, long deltaBytes, int deltaCount, CancellationToken cancellationToken)
    {
        if (deltaBytes <= 0 && deltaCount <= 0)
        {
            await ChargeUnconditionallyAsync(db, accountId, deltaBytes, deltaCount, cancellationToken);
            return true;
        }

        // One statement: the check and the charge cannot be separated by a concurrent writer.
        var freeTierBytes = options.Value.FreeTierQuotaBytes;
        var updated = await db.Accounts
            .Where(a => a.Id == accountId
                && (a.MaxVodCount == null || a.VodCount + deltaCount <= a.MaxVodCount)
                && (a.QuotaBytes == null || a.UsedBytes + deltaBytes <= a.QuotaBytes)
                && (a.Plan != AccountPlan.Free || a.UsedBytes + deltaBytes <= freeTierBytes))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.UsedBytes, a => a.UsedBytes + deltaBytes).SetProperty(a => a.VodCount, a => a.VodCount + deltaCount), cancellationToken);
        return updated == 1;
    }

    private static Task ChargeUnconditionallyAsync(VodDbContext db, int accountId, long deltaBytes, int deltaCount, CancellationToken cancellationToken) =>
        db.Accounts.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.UsedBytes, a => a.UsedBytes + deltaBytes).SetProperty(a => a.VodCount, a => a.VodCount + deltaCount), cancellationToken);

    private async Task<string> DescribeShortfallAsync(int accountId, long neededBytes, int neededCount, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var a = await db.Accounts.AsNoTracking().SingleAsync(x => x.Id == accountId, cancellationToken);
        if (a.MaxVodCount is { } max && a.VodCount + neededCount > max)
        {
            return $"Account '{a.Name}' is on the free tier with room for {max} VODs and already has {a.VodCount}.";
        }

        string FreeOf(long limit) => ByteSize.Format(Math.Max(0, limit - a.UsedBytes));
        var freeTier = options.Value.FreeTierQuotaBytes;
        if (a.Plan == AccountPlan.Free && (a.QuotaBytes is null || freeTier <= a.QuotaBytes))
        {
            return $"Account '{a.Name}' is on the free tier with room for {ByteSize.Format(freeTier)} (setting {QuotaOptions.Section}:FreeTierQuotaBytes); "
                + $"it needs {ByteSize.Format(neededBytes)} but has {FreeOf(freeTier)} free.";
        }

        return a.QuotaBytes is { } quota
            ? $"Account '{a.Name}' needs {ByteSize.Format(neededBytes)} but has {FreeOf(quota)} free of its {ByteSize.Format(quota)} quota."
            : $"Account '{a.Name}' has no room for {ByteSize.Format(neededBytes)}.";
    }

    private void Fill(Vod vod, VodReservation request)
    {
        vod.AccountId = request.AccountId;
        vod.StreamId = request.StreamId;
        vod.Type = request.Type;
        vod.Provenance = request.Provenance;
        // A clip or export title adds its own words to a title that may already fill the column (a stream's, a clip's).
        vod.Title = Strings.Truncate(request.Title, Vod.MaxTitleLength);
        vod.StorageKey = request.StorageKey;
        vod.SizeBytes = request.EstimatedBytes;
        vod.HighlightId = request.HighlightId;
        vod.Status = VodStatus.Pending;
        vod.DeletedAt = null;
        vod.StoredAt = null;
        vod.CreatedAt = time.GetUtcNow().UtcDateTime;
    }
}
