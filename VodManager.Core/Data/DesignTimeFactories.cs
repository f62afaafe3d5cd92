using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VodManager.Core.Data;

// `dotnet ef` builds each provider's context without the app host; no server is contacted to add or script migrations.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVodDbContext>
{
    public SqliteVodDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVodDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerVodDbContext>
{
    public SqlServerVodDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerVodDbContext>().UseSqlServer("Server=design-time;Database=VodManager;Trusted_Connection=True").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlVodDbContext>
{
    public PostgreSqlVodDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlVodDbContext>().UseNpgsql("Host=design-time;Database=vodmanager").Options);
}
