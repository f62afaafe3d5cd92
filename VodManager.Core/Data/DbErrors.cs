using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace VodManager.Core.Data;

/// <summary>
/// Which constraint refused a write, read from each provider's own error: a caller that expects a race on a unique
/// index handles that one, and anything else (a column too short, a row deleted meanwhile) surfaces as what it is
/// instead of being reported as the race.
/// </summary>
public static class DbErrors
{
    /// <summary>A unique index or primary key already holds the value: another writer got there first.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException e => e.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException e => e.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException e => e.Number is SqlServerDuplicateKeyInIndex or SqlServerDuplicateKeyInConstraint,
        _ => false,
    };

    /// <summary>A row the write refers to (or that refers to it) is not there: typically deleted meanwhile.</summary>
    public static bool IsForeignKeyViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException e => e.SqliteExtendedErrorCode == SqliteConstraintForeignKey,
        PostgresException e => e.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        SqlException e => e.Number == SqlServerConstraintConflict,
        _ => false,
    };

    // sqlite3.h extended result codes.
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    // SQL Server error numbers: 2601 a unique index, 2627 a unique or primary key constraint, 547 a foreign key (or check) conflict.
    private const int SqlServerDuplicateKeyInIndex = 2601;
    private const int SqlServerDuplicateKeyInConstraint = 2627;
    private const int SqlServerConstraintConflict = 547;
}
