using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using VodManager.Core.Data;

namespace VodManager.Core.Ingest;

/// <summary>
/// Inserts many rows of one entity in the caller's transaction with prepared multi-row INSERTs: EF's change tracker
/// would cost minutes and gigabytes on a 2M-line chat. Table, columns and value conversions come from the EF model,
/// so the same code serves SQLite and SQL Server.
/// </summary>
internal sealed class BulkInserter<T> : IAsyncDisposable
{
    // SQL Server allows 2,100 parameters per command; staying under it keeps one code path for both providers.
    private const int MaxParameters = 2000;

    private readonly VodDbContext _db;
    private readonly Func<T, int, object?> _value;
    private readonly ValueConverter?[] _converters;
    private readonly string _prefix;
    private readonly int _columns;
    private readonly int _rowsPerCommand;
    private readonly List<T> _pending = [];
    private DbCommand? _full;

    /// <param name="properties">The entity's property names, in the order <paramref name="value"/> reads them.</param>
    /// <param name="value">The value of column i of a row.</param>
    public BulkInserter(VodDbContext db, Type entity, IReadOnlyList<string> properties, Func<T, int, object?> value)
    {
        _db = db;
        _value = value;
        var type = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var props = properties.Select(p => type.FindProperty(p) ?? throw new InvalidOperationException($"{entity.Name}.{p} is not mapped.")).ToArray();
        _converters = props.Select(p => p.GetTypeMapping().Converter).ToArray();
        _columns = props.Length;
        _rowsPerCommand = MaxParameters / _columns;
        _prefix = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", props.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
    }

    public long Inserted { get; private set; }

    public async Task AddAsync(T row, CancellationToken cancellationToken)
    {
        _pending.Add(row);
        if (_pending.Count == _rowsPerCommand)
        {
            _full ??= Command(_rowsPerCommand);
            await RunAsync(_full, cancellationToken);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            await using var tail = Command(_pending.Count);
            await RunAsync(tail, cancellationToken);
        }
    }

    private async Task RunAsync(DbCommand command, CancellationToken cancellationToken)
    {
        for (var row = 0; row < _pending.Count; row++)
        {
            for (var column = 0; column < _columns; column++)
            {
                var value = _value(_pending[row], column);
                if (value is not null && _converters[column] is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                command.Parameters[row * _columns + column].Value = value ?? DBNull.Value;
            }
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        Inserted += _pending.Count;
        _pending.Clear();
    }

    private DbCommand Command(int rows)
    {
        var command = _db.Database.GetDbConnection().CreateCommand();
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the import's transaction.");
        var text = new StringBuilder(_prefix, _prefix.Length + rows * _columns * 8);
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < _columns; column++)
            {
                var name = $"@p{row * _columns + column}";
                text.Append(column == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (_full is not null)
        {
            await _full.DisposeAsync();
        }
    }
}
