using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;

namespace VodManager.Core.Refinement;

/// <summary>An account's refinement: its backend (null: no refinement), whether it runs after each detection, and its own caps.</summary>
public sealed record RefinementSettings(string? Backend, bool AutoRefine, int PerRun, int PerDay);

/// <summary>A backend an owner may choose, and why this server cannot run it (null when it can).</summary>
public sealed record RefinementBackendChoice(string Name, string Description, string? Unavailable);

/// <summary>
/// Reads and changes an account's refinement settings. A change naming a backend this server does not have or cannot
/// run, or a cap beyond the server's ceiling, is refused saying so: a cap above the ceiling would only be lowered
/// silently at every run, and a backend without its key would fail every highlight.
/// </summary>
public sealed class AccountRefinementSettings(IDbContextFactory<VodDbContext> dbFactory, RefinementBackends backends, IOptions<RefinementOptions> options)
{
    public IReadOnlyList<RefinementBackendChoice> Backends =>
        [.. backends.All.OrderBy(b => b.Name, StringComparer.Ordinal).Select(b => new RefinementBackendChoice(b.Name, b.Description, b.Unavailable))];

    /// <summary>The server's ceiling on an account's refinements per run (Refinement:MaxPerRun).</summary>
    public int MaxPerRun => options.Value.MaxPerRun;

    /// <summary>The server's ceiling on an account's refinements per UTC day (Refinement:MaxPerAccountPerDay).</summary>
    public int MaxPerDay => options.Value.MaxPerAccountPerDay;

    public async Task<RefinementSettings> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
                   .Select(a => new RefinementSettings(a.RefinementBackend, a.AutoRefine, a.RefinementsPerRun, a.RefinementsPerDay))
                   .SingleOrDefaultAsync(cancellationToken)
               ?? throw new RefinementException($"Account {accountId} was not found.");
    }

    /// <returns>The settings as stored (the backend by its own name, however it was typed).</returns>
    public async Task<RefinementSettings> SetAsync(int accountId, RefinementSettings settings, CancellationToken cancellationToken)
    {
        var backend = settings.Backend is { } name ? backends.Get(name) : null;
        if (backend?.Unavailable is { } why)
        {
            throw new RefinementException($"The {backend.Name} backend cannot run here: {why}.");
        }

        var stored = settings with { Backend = backend?.Name };

        Within(settings.PerRun, MaxPerRun, "Refinements per run", $"{RefinementOptions.Section}:MaxPerRun");
        Within(settings.PerDay, MaxPerDay, "Refinements per day", $"{RefinementOptions.Section}:MaxPerAccountPerDay");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changed = await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.RefinementBackend, stored.Backend)
            .SetProperty(a => a.AutoRefine, stored.AutoRefine)
            .SetProperty(a => a.RefinementsPerRun, stored.PerRun)
            .SetProperty(a => a.RefinementsPerDay, stored.PerDay), cancellationToken);
        return changed > 0 ? stored : throw new RefinementException($"Account {accountId} was not found.");
    }

    private static void Within(int value, int ceiling, string what, string setting)
    {
        if (value < 0 || value > ceiling)
        {
            throw new RefinementException($"{what} must be 0–{ceiling} on this server ({setting}); {value} was asked.");
        }
    }
}
