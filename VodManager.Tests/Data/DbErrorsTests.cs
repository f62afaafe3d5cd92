using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Data;

/// <summary>Each provider's refusal read as the constraint that refused it, on a real SQLite database and a real PostgreSQL.</summary>
public abstract class DbErrorsTests : IAsyncLifetime
{
    private CoreHost _host = default!;

    protected abstract DatabaseEngine Engine { get; }

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync(await TestDatabase.SettingsAsync(Engine));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_second_row_under_a_unique_index_is_a_unique_violation()
    {
        var (account, _) = await _host.AddAccountWithStreamAsync();
        await SaveAsync(db => db.ExportClaims.Add(Claim(account.Id, "token-1")));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(db => db.ExportClaims.Add(Claim(account.Id, "token-2"))));

        Assert.True(error.IsUniqueViolation(), error.InnerException?.Message);
        Assert.False(error.IsForeignKeyViolation());
    }

    [Fact]
    public async Task A_row_pointing_at_a_missing_row_is_a_foreign_key_violation()
    {
        var (account, _) = await _host.AddAccountWithStreamAsync();

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(db => db.Vods.Add(new Vod
        {
            AccountId = account.Id, StreamId = 987_654, ExternalId = "x", Title = "x", StorageKey = "x",
        })));

        Assert.True(error.IsForeignKeyViolation(), error.InnerException?.Message);
        Assert.False(error.IsUniqueViolation());
    }

    private async Task SaveAsync(Action<VodDbContext> change)
    {
        await using var db = await _host.DbAsync();
        change(db);
        await db.SaveChangesAsync();
    }

    private static ExportClaim Claim(int accountId, string token) =>
        new() { AccountId = accountId, ExternalId = "export-1", Token = token, ExpiresAt = DateTime.UtcNow.AddMinutes(5) };

    public sealed class OnSqlite : DbErrorsTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : DbErrorsTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
