using Microsoft.EntityFrameworkCore;

namespace VodManager.Core.Data;

/// <summary>A server database for production; migrations under Data/Migrations/SqlServer.</summary>
public sealed class SqlServerVodDbContext(DbContextOptions<SqlServerVodDbContext> options) : VodDbContext(options);
