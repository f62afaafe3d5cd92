using Microsoft.EntityFrameworkCore;

namespace VodManager.Core.Data;

/// <summary>The embedded default provider; migrations under Data/Migrations/Sqlite.</summary>
public sealed class SqliteVodDbContext(DbContextOptions<SqliteVodDbContext> options) : VodDbContext(options);
