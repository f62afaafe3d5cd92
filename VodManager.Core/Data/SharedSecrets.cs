using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Data;

/// <summary>
/// Random secrets every node must agree on, kept in the database: the first node to ask creates one, and a node that
/// loses the race to store it takes the one that was stored.
/// </summary>
public sealed class SharedSecrets(IDbContextFactory<VodDbContext> dbFactory, TimeProvider time)
{
    public async Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, name, cancellationToken) is { } stored)
        {
            return stored;
        }

        db.SharedSecrets.Add(new SharedSecret { Name = name, Value = RandomNumberGenerator.GetBytes(length), CreatedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node stored it between our read and our insert: its value is the one everyone uses. Any other
            // failure leaves nothing stored and is thrown again below.
            if (await FindAsync(db, name, cancellationToken) is { } theirs)
            {
                return theirs;
            }

            throw;
        }

        return await FindAsync(db, name, cancellationToken) ?? throw new InvalidOperationException($"The shared secret '{name}' was stored but cannot be read back.");
    }

    private static Task<byte[]?> FindAsync(VodDbContext db, string name, CancellationToken cancellationToken) =>
        db.SharedSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => (byte[]?)s.Value).FirstOrDefaultAsync(cancellationToken);
}
