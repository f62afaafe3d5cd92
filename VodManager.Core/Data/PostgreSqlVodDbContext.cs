using Microsoft.EntityFrameworkCore;

namespace VodManager.Core.Data;

/// <summary>The server database the tests run on; migrations under Data/Migrations/PostgreSql.</summary>
public sealed class PostgreSqlVodDbContext(DbContextOptions<PostgreSqlVodDbContext> options) : VodDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Index filters are written with [brackets], which SQL Server and SQLite read as quoted names and PostgreSQL
        // does not; its quoted names are "double quoted" (and case-sensitive, as EF creates its columns).
        foreach (var index in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()))
        {
            if (index.GetFilter() is { } filter)
            {
                index.SetFilter(filter.Replace('[', '"').Replace(']', '"'));
            }
        }
    }
}
