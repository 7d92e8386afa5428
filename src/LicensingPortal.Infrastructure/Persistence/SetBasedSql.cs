using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace LicensingPortal.Infrastructure.Persistence;

/// <summary>
/// Some columns of one entity's table, taken from the EF model: the table and column names of the entity
/// configurations, and each column's provider type mapping (so a Guid is TEXT on SQLite and uuid on
/// PostgreSQL, a DateTimeOffset the sortable integer on SQLite). Raw, batched SQL written through this
/// stays on the schema the migrations create, on every provider, without change tracking. Values are read
/// from entities by EF's own property getters and compared by the properties' value comparers, as the change
/// tracker reads and compares them.
/// </summary>
public sealed class TableColumns
{
    private readonly Column[] _columns;
    private readonly Column? _id;
    private readonly Column? _version;
    private readonly ISqlGenerationHelper _sql;

    private TableColumns(string table, Column[] columns, ISqlGenerationHelper sql, Column? id, Column? version)
    {
        Table = table;
        _columns = columns;
        _id = id;
        _version = version;
        Names = columns.Select(c => sql.DelimitIdentifier(c.Name)).ToArray();
        IdName = id is null ? null : sql.DelimitIdentifier(id.Name);
        VersionName = version is null ? null : sql.DelimitIdentifier(version.Name);
        _sql = sql;
    }

    public string Table { get; }

    /// <summary>The key column (Id), delimited, when the entity has a single-column key.</summary>
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
        var (entityType, all) = Model<TEntity>(db);
        var columns = propertyPaths.Length == 0
            ? all.ToArray()
            : propertyPaths.Select(path => all.SingleOrDefault(c => c.Path == path) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no mapped property {path}.")).ToArray();
        return Create(db, entityType, all, columns);
    }

    /// <summary>
    /// Every column of <typeparamref name="TEntity"/>'s table that a change of the entity can write: all of the model's
    /// but the key and the concurrency token (which a version-checked UPDATE names in its WHERE and moves on itself).
    /// </summary>
    public static TableColumns Changeable<TEntity>(DbContext db)
    {
        var (entityType, all) = Model<TEntity>(db);
        return Create(db, entityType, all, all.Where(c => !c.Property.IsPrimaryKey() && !c.Property.IsConcurrencyToken).ToArray());
    }

    /// <summary>The columns whose bit is set in <paramref name="mask"/> (bit i for column i), in the same order.</summary>
    public TableColumns Only(ulong mask) =>
        new(Table, _columns.Where((_, i) => (mask & (1UL << i)) != 0).ToArray(), _sql, _id, _version);

    public string PropertyPath(int index) => _columns[index].Path;

    /// <summary>The value of column <paramref name="index"/> read from an entity (no change tracker involved).</summary>
    public object? ValueOf(object entity, int index) => _columns[index].Read(entity);

    /// <summary>Every column's value, in column order: a snapshot to compare with <see cref="SameValue"/> later.</summary>
    public object?[] ValuesOf(object entity)
    {
        var values = new object?[_columns.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _columns[i].Read(entity);
        }

        return values;
    }

    /// <summary>Whether column <paramref name="index"/> of <paramref name="entity"/> still has <paramref name="value"/>, by the property's value comparer.</summary>
    public bool SameValue(object entity, int index, object? value) => _columns[index].Comparer.Equals(value, _columns[index].Read(entity));

    /// <summary>The entity's key (a Guid, as every versioned entity here has).</summary>
    public Guid IdOf(object entity) =>
        (Guid)(_id ?? throw new InvalidOperationException($"{Table} has no single-column key.")).Read(entity)!;

    /// <summary>The entity's concurrency token as loaded (ADR 0005).</summary>
    public int VersionOf(object entity) =>
        (int)(_version ?? throw new InvalidOperationException($"{Table} has no version column.")).Read(entity)!;

    /// <summary>A parameter for column <paramref name="index"/>, converted by the column's type mapping.</summary>
    public DbParameter Parameter(DbCommand command, int index, string name, object? value) =>
        _columns[index].Mapping.CreateParameter(command, name, value, _columns[index].Nullable);

    /// <summary>What the column's mapping sends to the database for <paramref name="value"/> (a parameter made by <see cref="Parameter"/> keeps its type).</summary>
    public object ProviderValue(int index, object? value) =>
        (value is null ? null : _columns[index].Mapping.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;

    private static (IEntityType EntityType, List<Column> All) Model<TEntity>(DbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        return (entityType, AllColumns(entityType).ToList());
    }

    private static TableColumns Create(DbContext db, IEntityType entityType, List<Column> all, Column[] columns)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()?.Properties is [var keyProperty] ? all.Single(c => c.Property == keyProperty) : null;
        var version = all.SingleOrDefault(c => c.Property.IsConcurrencyToken);
        return new TableColumns(table, columns, sql, key, version);
    }

    private static IEnumerable<Column> AllColumns(IEntityType entityType)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        foreach (var property in entityType.GetProperties())
        {
            yield return Column.Of(property, property.Name, table);
        }

        foreach (var complex in entityType.GetComplexProperties())
        {
            foreach (var property in complex.ComplexType.GetProperties())
            {
                yield return Column.Of(property, $"{complex.Name}.{property.Name}", table);
            }
        }
    }

    private sealed record Column(IProperty Property, string Path, string Name, RelationalTypeMapping Mapping, bool Nullable, ValueComparer Comparer, Func<object, object?> Read)
    {
        /// <summary>A column read from the entity by EF's getter for the property (through its complex property, if any).</summary>
        public static Column Of(IProperty property, string path, StoreObjectIdentifier table)
        {
            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property: its value is not on the entity.");
            }

            // A property of the entity is read from it directly (twice as fast), a complex type's through its complex property.
            var getter = property.GetGetter();
            Func<object, object?> read = property.DeclaringType is IEntityType ? getter.GetClrValue : getter.GetClrValueUsingContainingEntity;
            return new Column(property, path, property.GetColumnName(table)!, property.GetRelationalTypeMapping(), property.IsNullable, property.GetValueComparer(), read);
        }
    }
}

/// <summary>An entity to UPDATE from its current values, if its row still has <paramref name="Version"/> (ADR 0005).</summary>
public sealed record VersionedRow(object Entity, Guid Id, int Version);

/// <summary>Thrown when a batch's statements touched fewer rows than expected: another writer got there first.</summary>
public sealed class SetBasedConflictException : Exception
{
    public SetBasedConflictException()
        : base("Another writer changed the rows first.")
    {
    }

    public SetBasedConflictException(string message)
        : base(message)
    {
    }

    public SetBasedConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Statements for one database transaction: version-checked UPDATEs (ADR 0005) and INSERTs, each of which must
/// touch exactly one row. <see cref="FlushAsync"/> (or the statement itself) throws <see cref="SetBasedConflictException"/>
/// when fewer were, so the caller rolls the whole transaction back (nothing half-saved). On a server database the
/// statements travel many to a command (one round trip); SQLite runs in-process, so there each statement runs at
/// once through a prepared command reused for every statement of the same shape, which is what SQLite is fastest at.
/// </summary>
public sealed class StatementBatch(DbContext db) : IAsyncDisposable
{
    /// <summary>SQL Server allows 2,100 parameters in a command.</summary>
    private const int MaxParameters = 2000;

    /// <summary>Parameters per multi-row UPDATE: SQLite looks each named parameter up by a linear scan, so its statements stay short.</summary>
    private readonly int _parametersPerUpdate = db.Database.IsSqlite() ? 240 : MaxParameters;

    private readonly bool _oneByOne = db.Database.IsSqlite();
    private readonly bool _valuesJoin = db.Database.IsSqlite() || db.Database.IsNpgsql();
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);
    private readonly StringBuilder _sql = new();
    private readonly List<(TableColumns? Columns, int Index, object? Value)> _values = [];
    private int _statements;

    /// <summary>UPDATE the given columns from the entity's current values, moving its version on, only if the version is still <paramref name="expectedVersion"/>.</summary>
    public Task UpdateAsync(TableColumns columns, object entity, Guid id, int expectedVersion, CancellationToken cancellationToken)
    {
        var versionColumn = columns.VersionName ?? throw new InvalidOperationException($"{columns.Table} has no version column.");
        var values = new List<(TableColumns? Columns, int Index, object? Value)>(columns.Count + 3);
        var sql = new StringBuilder("UPDATE ").Append(columns.Table).Append(" SET ");
        for (var i = 0; i < columns.Count; i++)
        {
            sql.Append(columns.Names[i]).Append(" = {").Append(values.Count).Append("}, ");
            values.Add((columns, i, columns.ValueOf(entity, i)));
        }

        sql.Append(versionColumn).Append(" = {").Append(values.Count).Append('}');
        values.Add((null, 0, expectedVersion + 1));
        sql.Append(" WHERE ").Append(columns.IdName).Append(" = {").Append(values.Count).Append('}');
        values.Add((null, 0, id));
        sql.Append(" AND ").Append(versionColumn).Append(" = {").Append(values.Count).Append('}');
        values.Add((null, 0, expectedVersion));
        return AddAsync(sql.ToString(), values, cancellationToken);
    }

    /// <summary>
    /// UPDATE many rows of one table, each version-checked as in <see cref="UpdateAsync"/>. On SQLite (3.33 and later)
    /// and PostgreSQL this is one statement per up to a few hundred parameters' worth of rows, joined to a VALUES list:
    /// <c>UPDATE t SET c = v.column2, Version = v.columnN + 1 FROM (VALUES (@id, @c, @version), ...) AS v WHERE
    /// t.Id = v.column1 AND t.Version = v.columnN</c>, which must touch every row it names. SQL Server has no such
    /// form: there the rows go one statement each (still batched in a command).
    /// </summary>
    public async Task UpdateManyAsync(TableColumns columns, IReadOnlyList<VersionedRow> rows, CancellationToken cancellationToken)
    {
        if (!_valuesJoin)
        {
            foreach (var row in rows)
            {
                await UpdateAsync(columns, row.Entity, row.Id, row.Version, cancellationToken);
            }

            return;
        }

        var versionColumn = columns.VersionName ?? throw new InvalidOperationException($"{columns.Table} has no version column.");
        var perStatement = Math.Max(1, _parametersPerUpdate / (columns.Count + 2));
        foreach (var chunk in rows.Chunk(perStatement))
        {
            await using var command = NewCommand();
            var sql = new StringBuilder("UPDATE ").Append(columns.Table).Append(" AS t SET ");
            for (var i = 0; i < columns.Count; i++)
            {
                sql.Append(columns.Names[i]).Append(" = v.column").Append(i + 2).Append(", ");
            }

            var versionAt = columns.Count + 2;
            sql.Append(versionColumn).Append(" = v.column").Append(versionAt).Append(" + 1 FROM (VALUES ");
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                var name = $"@p{command.Parameters.Count}";
                command.Parameters.Add(Parameter(command, name, (null, 0, chunk[r].Id)));
                sql.Append(name);
                for (var i = 0; i < columns.Count; i++)
                {
                    name = $"@p{command.Parameters.Count}";
                    command.Parameters.Add(Parameter(command, name, (columns, i, columns.ValueOf(chunk[r].Entity, i))));
                    sql.Append(", ").Append(name);
                }

                name = $"@p{command.Parameters.Count}";
                command.Parameters.Add(Parameter(command, name, (null, 0, chunk[r].Version)));
                sql.Append(", ").Append(name).Append(')');
            }

            sql.Append(") AS v WHERE t.").Append(columns.IdName).Append(" = v.column1 AND t.").Append(versionColumn).Append(" = v.column").Append(versionAt);
            command.CommandText = sql.ToString();
            Check(await command.ExecuteNonQueryAsync(cancellationToken), chunk.Length);
        }
    }

    /// <summary>INSERT one row with the entity's values for every column of <paramref name="columns"/>.</summary>
    public Task InsertAsync(TableColumns columns, object entity, CancellationToken cancellationToken)
    {
        var values = new List<(TableColumns? Columns, int Index, object? Value)>(columns.Count);
        var sql = new StringBuilder("INSERT INTO ").Append(columns.Table).Append(" (").AppendJoin(", ", columns.Names).Append(") VALUES (");
        for (var i = 0; i < columns.Count; i++)
        {
            sql.Append(i == 0 ? "{" : ", {").Append(i).Append('}');
            values.Add((columns, i, columns.ValueOf(entity, i)));
        }

        return AddAsync(sql.Append(')').ToString(), values, cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_statements == 0)
        {
            return;
        }

        await using var command = NewCommand();
        command.CommandText = _sql.ToString();
        for (var i = 0; i < _values.Count; i++)
        {
            command.Parameters.Add(Parameter(command, $"@p{i}", _values[i]));
        }

        var expected = _statements;
        _sql.Clear();
        _values.Clear();
        _statements = 0;
        Check(await command.ExecuteNonQueryAsync(cancellationToken), expected);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }
    }

    private async Task AddAsync(string shape, List<(TableColumns? Columns, int Index, object? Value)> values, CancellationToken cancellationToken)
    {
        if (_oneByOne)
        {
            if (!_prepared.TryGetValue(shape, out var command))
            {
                command = NewCommand();
                command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, Enumerable.Range(0, values.Count).Select(i => (object)$"@p{i}").ToArray());
                for (var i = 0; i < values.Count; i++)
                {
                    command.Parameters.Add(Parameter(command, $"@p{i}", values[i]));
                }

                await command.PrepareAsync(cancellationToken);
                _prepared[shape] = command;
            }
            else
            {
                for (var i = 0; i < values.Count; i++)
                {
                    command.Parameters[i].Value = values[i].Columns is { } columns ? columns.ProviderValue(values[i].Index, values[i].Value) : values[i].Value;
                }
            }

            Check(await command.ExecuteNonQueryAsync(cancellationToken), 1);
            return;
        }

        if (_values.Count + values.Count > MaxParameters)
        {
            await FlushAsync(cancellationToken);
        }

        var first = _values.Count;
        _sql.AppendFormat(System.Globalization.CultureInfo.InvariantCulture, shape, Enumerable.Range(first, values.Count).Select(i => (object)$"@p{i}").ToArray()).Append(";\n");
        _values.AddRange(values);
        _statements++;
    }

    private static void Check(int affected, int expected)
    {
        if (affected != expected)
        {
            throw new SetBasedConflictException($"{expected} rows expected, {affected} written: another writer changed some of them first.");
        }
    }

    private DbCommand NewCommand()
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private DbParameter Parameter(DbCommand command, string name, (TableColumns? Columns, int Index, object? Value) value)
    {
        if (value.Columns is { } columns)
        {
            return columns.Parameter(command, value.Index, name, value.Value);
        }

        // Ids and versions: the model's own mappings for Guid and int, so a Guid is compared as the provider stores keys.
        var mapping = db.GetService<IRelationalTypeMappingSource>().FindMapping(value.Value!.GetType())!;
        return mapping.CreateParameter(command, name, value.Value, nullable: false);
    }
}

/// <summary>
/// Many rows into one table, fast, inside the caller's transaction: on SQLite and SQL Server INSERTs of a fixed number of
/// rows through one prepared command, reused; on PostgreSQL a binary COPY per thousand rows. For the scale data
/// generator, the nightly job's transactions and the month close's statements.
/// </summary>
public sealed class BulkInserter : IAsyncDisposable
{
    private const int MaxParameters = 2000;

    /// <summary>PostgreSQL: rows a COPY takes (each COPY ends before the next command, so inserters may take turns on a connection).</summary>
    private const int RowsPerCopy = 1000;

    private readonly DbContext _db;
    private readonly TableColumns _columns;
    private readonly int _rowsPerStatement;
    private readonly List<object?[]> _rows = [];
    private readonly NpgsqlDbType[]? _copyTypes;
    private DbCommand? _full;

    public BulkInserter(DbContext db, TableColumns columns)
    {
        _db = db;
        _columns = columns;
        if (db.Database.IsNpgsql())
        {
            // COPY costs the server a fraction of a 100-row INSERT's parse, bind and plan per row (docs/performance.md,
            // R24); each column is written as the type its EF mapping gives a parameter.
            _rowsPerStatement = RowsPerCopy;
            using var command = db.Database.GetDbConnection().CreateCommand();
            _copyTypes = Enumerable.Range(0, columns.Count).Select(c => ((NpgsqlParameter)columns.Parameter(command, c, "p", null)).NpgsqlDbType).ToArray();
            return;
        }

        // SQLite finds each named parameter by a linear search, so there one row per prepared statement binds fastest (docs/performance.md).
        _rowsPerStatement = db.Database.IsSqlite() ? 1 : Math.Max(1, Math.Min(1000, MaxParameters / columns.Count));
    }

    public long Written { get; private set; }

    public async Task AddAsync(object?[] row, CancellationToken cancellationToken = default)
    {
        if (row.Length != _columns.Count)
        {
            throw new ArgumentException($"{_columns.Table} takes {_columns.Count} values, not {row.Length}.", nameof(row));
        }

        _rows.Add(row);
        if (_rows.Count == _rowsPerStatement && _copyTypes is not null)
        {
            await CopyAsync(_copyTypes, cancellationToken);
        }
        else if (_rows.Count == _rowsPerStatement)
        {
            _full ??= await PrepareAsync(_rowsPerStatement, cancellationToken);
            await ExecuteAsync(_full, cancellationToken);
        }
    }

    /// <summary>Adds one row with the entity's values for every column (read as <see cref="TableColumns.ValueOf"/> does).</summary>
    public Task AddEntityAsync(object entity, CancellationToken cancellationToken = default) =>
        AddAsync(Enumerable.Range(0, _columns.Count).Select(i => _columns.ValueOf(entity, i)).ToArray(), cancellationToken);

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_rows.Count > 0 && _copyTypes is not null)
        {
            await CopyAsync(_copyTypes, cancellationToken);
        }
        else if (_rows.Count > 0)
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

    private async Task CopyAsync(NpgsqlDbType[] types, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)_db.Database.GetDbConnection();
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {_columns.Table} ({string.Join(", ", _columns.Names)}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in _rows)
            {
                await copy.StartRowAsync(cancellationToken);
                for (var c = 0; c < types.Length; c++)
                {
                    var value = _columns.ProviderValue(c, row[c]);
                    if (value is DBNull)
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await copy.WriteAsync(value, types[c], cancellationToken);
                    }
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        Written += _rows.Count;
        _rows.Clear();
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
