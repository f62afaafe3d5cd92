using Microsoft.EntityFrameworkCore;

namespace VodManager.Core.Data;

/// <summary>
/// The one way Core opens a transaction. The server providers retry transient failures, and EF refuses a
/// user-started transaction unless the execution strategy runs it (so a retry replays the whole unit, not half of
/// it). The work may therefore run more than once: it must read what it needs inside, and starts from an empty
/// change tracker each time.
/// </summary>
public static class DbTransactions
{
    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns; an exception rolls it back.</summary>
    public static Task<T> InTransactionAsync<T>(this VodDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });

    /// <inheritdoc cref="InTransactionAsync{T}"/>
    public static Task InTransactionAsync(this VodDbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            await work(ct);
            return true;
        }, cancellationToken);
}
