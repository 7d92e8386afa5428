using System.Data.Common;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LicensingPortal.Infrastructure.Persistence;

/// <summary>
/// Some columns of one entity's table, taken from the EF model: the table and column names of the entity
/// configurations, and each column's provider type mapping (so a Guid is TEXT on SQLite and uuid on
/// PostgreSQL, a DateTimeOffset the sortable integer on SQLite). Raw, batched SQL written through this
/// stays on the schema the migrations create, on every provider, without change tracking.
/// </summary>
public sealed class TableColumns
{
    private readonly Column[] _columns;

    private TableColumns(string table, Column[] columns, ISqlGenerationHelper sql, string? id, string? version)
    {
        Table = table;
        _columns = columns;
        Names = columns.Select(c => sql.DelimitIdentifier(c.Name)).ToArray();
        IdName = id is null ? null : sql.DelimitIdentifier(id);
        VersionName = version is null ? null : sql.DelimitIdentifier(version);
    }

    public string Table { get; }

    /// <summary>The key column (Id), delimited, when the entity has one.</summary>
    public string? IdName { get; }

    /// <summary>The concurrency column (Version, ADR 0005), delimited, when the entity has one.</summary>
    public string? VersionName { get; }

    public IReadOnlyList<string> Names { get; }

    public int Count => _columns.Length;

    /// <summary>
    /// The columns of <typeparamref name="TEntity"/>'s properties, by name; "Settings.Units" names a property of a
    /// complex property. Without names: every column of the table, in model order.
    /// </summary>
    public static TableColumns Of<TEntity>(DbContext db, params string[] propertyPaths)
    {
        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
        var all = AllColumns(entityType).ToList();
        var columns = propertyPaths.Length == 0
            ? all.ToArray()
            : propertyPaths.Select(path => all.SingleOrDefault(c => c.Path == path) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no mapped property {path}.")).ToArray();
        var id = all.SingleOrDefault(c => c.Path == "Id")?.Name;
        var version = all.SingleOrDefault(c => c.Path == "Version")?.Name;
        return new TableColumns(table, columns, sql, id, version);
    }

    public string PropertyPath(int index) => _columns[index].Path;

    /// <summary>The value of column <paramref name="index"/> read from an entity (no change tracker involved).</summary>
    public object? ValueOf(object entity, int index) => _columns[index].Read(entity);

    /// <summary>A parameter for column <paramref name="index"/>, converted by the column's type mapping.</summary>
    public DbParameter Parameter(DbCommand command, int index, string name, object? value) =>
        _columns[index].Mapping.CreateParameter(command, name, value, _columns[index].Nullable);

    /// <summary>What the column's mapping sends to the database for <paramref name="value"/> (a parameter made by <see cref="Parameter"/> keeps its type).</summary>
    public object ProviderValue(int index, object? value) =>
        (value is null ? null : _columns[index].Mapping.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;

    private static IEnumerable<Column> AllColumns(IEntityType entityType)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        foreach (var property in entityType.GetProperties())
        {
            var info = property.PropertyInfo ?? throw new InvalidOperationException($"{entityType.DisplayName()}.{property.Name} has no CLR property.");
            yield return new Column(property.Name, property.GetColumnName(table)!, property.GetRelationalTypeMapping(), property.IsNullable, info.GetValue);
        }

        foreach (var complex in entityType.GetComplexProperties())
        {
            var outer = complex.PropertyInfo!;
            foreach (var property in complex.ComplexType.GetProperties())
            {
                var inner = property.PropertyInfo!;
                yield return new Column($"{complex.Name}.{property.Name}", property.GetColumnName(table)!, property.GetRelationalTypeMapping(), property.IsNullable,
                    entity => outer.GetValue(entity) is { } value ? inner.GetValue(value) : null);
            }
        }
    }

    private sealed record Column(string Path, string Name, RelationalTypeMapping Mapping, bool Nullable, Func<object, object?> Read);
}

/// <summary>Thrown when a batch's statements touched fewer rows than expected: another writer got there first.</summary>
public sealed class SetBasedConflictException(string message) : Exception(message)
{
    public SetBasedConflictException()
        : this("Another writer changed the rows first.")
    {
    }

    public SetBasedConflictException(string message, Exception innerException)
        : this(message) => _ = innerException;
}

/// <summary>
/// Statements sent to the database many at a time in one command: version-checked UPDATEs (ADR 0005) and INSERTs.
/// Each statement must touch exactly one row; <see cref="FlushAsync"/> throws <see cref="SetBasedConflictException"/>
/// when fewer were, so the caller rolls the whole transaction back (nothing half-saved).
/// </summary>
public sealed class StatementBatch(DbContext db)
{
    /// <summary>SQL Server allows 2,100 parameters in a command; the others more. One limit for all.</summary>
    private const int MaxParameters = 2000;

    private readonly StringBuilder _sql = new();
    private readonly List<(TableColumns? Columns, int Index, object? Value)> _values = [];
    private int _statements;

    public int Pending => _statements;

    /// <summary>UPDATE the given columns from the entity's current values, moving its version on, only if the version is still <paramref name="expectedVersion"/>.</summary>
    public async Task UpdateAsync(TableColumns columns, object entity, Guid id, int expectedVersion, CancellationToken cancellationToken)
    {
        await MakeRoomAsync(columns.Count + 3, cancellationToken);
        _sql.Append("UPDATE ").Append(columns.Table).Append(" SET ");
        for (var i = 0; i < columns.Count; i++)
        {
            _sql.Append(columns.Names[i]).Append(" = ").Append(Add(columns, i, columns.ValueOf(entity, i))).Append(", ");
        }

        var versionColumn = columns.VersionName ?? throw new InvalidOperationException($"{columns.Table} has no version column.");
        _sql.Append(versionColumn).Append(" = ").Append(Add(null, 0, expectedVersion + 1))
            .Append(" WHERE ").Append(columns.IdName).Append(" = ").Append(Add(null, 0, id))
            .Append(" AND ").Append(versionColumn).Append(" = ").Append(Add(null, 0, expectedVersion)).Append(";\n");
        _statements++;
    }

    /// <summary>INSERT one row with the entity's values for every column of <paramref name="columns"/>.</summary>
    public async Task InsertAsync(TableColumns columns, object entity, CancellationToken cancellationToken)
    {
        await MakeRoomAsync(columns.Count, cancellationToken);
        _sql.Append("INSERT INTO ").Append(columns.Table).Append(" (").AppendJoin(", ", columns.Names).Append(") VALUES (");
        for (var i = 0; i < columns.Count; i++)
        {
            _sql.Append(i == 0 ? string.Empty : ", ").Append(Add(columns, i, columns.ValueOf(entity, i)));
        }

        _sql.Append(");\n");
        _statements++;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_statements == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = _sql.ToString();
        for (var i = 0; i < _values.Count; i++)
        {
            var (columns, index, value) = _values[i];
            command.Parameters.Add(columns is null ? Plain(command, $"@p{i}", value) : columns.Parameter(command, index, $"@p{i}", value));
        }

        var expected = _statements;
        _sql.Clear();
        _values.Clear();
        _statements = 0;
        var affected = await command.ExecuteNonQueryAsync(cancellationToken);
        if (affected != expected)
        {
            throw new SetBasedConflictException($"{expected} rows expected, {affected} written: another writer changed some of them first.");
        }
    }

    private DbParameter Plain(DbCommand command, string name, object? value)
    {
        // Ids and versions: the model's own mappings for Guid and int, so a Guid is stored as the provider stores keys.
        var mapping = db.GetService<IRelationalTypeMappingSource>().FindMapping(value!.GetType())!;
        return mapping.CreateParameter(command, name, value, nullable: false);
    }

    private string Add(TableColumns? columns, int index, object? value)
    {
        _values.Add((columns, index, value));
        return $"@p{_values.Count - 1}";
    }

    private async Task MakeRoomAsync(int parameters, CancellationToken cancellationToken)
    {
        if (_values.Count + parameters > MaxParameters)
        {
            await FlushAsync(cancellationToken);
        }
    }
}

/// <summary>
/// Many rows into one table, fast: multi-row INSERTs of a fixed size through one prepared command, reused.
/// For the scale data generator; inside the caller's transaction.
/// </summary>
public sealed class BulkInserter : IAsyncDisposable
{
    private const int MaxParameters = 2000;

    private readonly DbContext _db;
    private readonly TableColumns _columns;
    private readonly int _rowsPerStatement;
    private readonly List<object?[]> _rows = [];
    private DbCommand? _full;

    public BulkInserter(DbContext db, TableColumns columns)
    {
        _db = db;
        _columns = columns;
        _rowsPerStatement = Math.Max(1, Math.Min(1000, MaxParameters / columns.Count));
    }

    public long Written { get; private set; }

    public async Task AddAsync(object?[] row, CancellationToken cancellationToken = default)
    {
        if (row.Length != _columns.Count)
        {
            throw new ArgumentException($"{_columns.Table} takes {_columns.Count} values, not {row.Length}.", nameof(row));
        }

        _rows.Add(row);
        if (_rows.Count == _rowsPerStatement)
        {
            _full ??= await PrepareAsync(_rowsPerStatement, cancellationToken);
            await ExecuteAsync(_full, cancellationToken);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_rows.Count > 0)
        {
            await using var command = await PrepareAsync(_rows.Count, cancellationToken);
            await ExecuteAsync(command, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_full is not null)
        {
            await _full.DisposeAsync();
        }
    }

    private async Task<DbCommand> PrepareAsync(int rows, CancellationToken cancellationToken)
    {
        var command = _db.Database.GetDbConnection().CreateCommand();
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder("INSERT INTO ").Append(_columns.Table).Append(" (").AppendJoin(", ", _columns.Names).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Count; c++)
            {
                var name = $"@p{(r * _columns.Count) + c}";
                sql.Append(c == 0 ? string.Empty : ", ").Append(name);
                command.Parameters.Add(_columns.Parameter(command, c, name, _rows[r][c]));
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        await command.PrepareAsync(cancellationToken);
        return command;
    }

    private async Task ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        for (var r = 0; r < _rows.Count; r++)
        {
            for (var c = 0; c < _columns.Count; c++)
            {
                // The parameters were created by the column mappings (their provider types stay); only the values change.
                command.Parameters[(r * _columns.Count) + c].Value = _columns.ProviderValue(c, _rows[r][c]);
            }
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        Written += _rows.Count;
        _rows.Clear();
    }
}
