using Microsoft.EntityFrameworkCore;

namespace VodManager.Core.Data;

/// <summary>The production provider; migrations under Data/Migrations/SqlServer.</summary>
public sealed class SqlServerVodDbContext(DbContextOptions<SqlServerVodDbContext> options) : VodDbContext(options);
