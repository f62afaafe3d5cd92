using Microsoft.EntityFrameworkCore;

namespace VodManager.Core.Data;

/// <summary>Hands out the configured provider's context as the provider-neutral <see cref="VodDbContext"/>.</summary>
internal sealed class ProviderDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<VodDbContext>
    where TContext : VodDbContext
{
    public VodDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<VodDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
