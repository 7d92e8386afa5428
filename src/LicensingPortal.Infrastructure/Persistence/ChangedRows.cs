namespace LicensingPortal.Infrastructure.Persistence;

/// <summary>
/// The rows of one table that domain calls changed in entities loaded without change tracking, found as EF's change
/// tracker finds them: every column of <see cref="TableColumns.Changeable{TEntity}"/> (all the model maps but the key
/// and the version) is read before the call (<see cref="Before"/>) and compared after it (<see cref="After"/>) with the
/// property's value comparer. <see cref="UpdateAsync"/> writes each changed row version-checked, SETting only the
/// columns that changed, one statement shape per set of them: SQLite rewrites an index entry whenever its column is
/// SET, even to the value it had (docs/performance.md). A property the entity configurations map is compared and
/// written without a change here or in the caller.
/// </summary>
public sealed class ChangedRows
{
    private readonly TableColumns _columns;
    private readonly Dictionary<ulong, (TableColumns Columns, List<VersionedRow> Rows)> _byChangedColumns = [];

    public ChangedRows(TableColumns changeable)
    {
        // The changed columns are a bit mask.
        if (changeable.Count > 64)
        {
            throw new ArgumentException($"{changeable.Table} has {changeable.Count} columns; a set of changed columns holds up to 64.", nameof(changeable));
        }

        _columns = changeable;
    }

    /// <summary>How many rows changed.</summary>
    public int Count { get; private set; }

    /// <summary>The changed rows, with the versions they are expected to have.</summary>
    public IEnumerable<VersionedRow> Rows => _byChangedColumns.Values.SelectMany(shape => shape.Rows);

    /// <summary>The entity's values, read before a domain call that may change it.</summary>
    public object?[] Before(object entity) => _columns.ValuesOf(entity);

    /// <summary>
    /// After the domain call: when any column differs from <paramref name="before"/>, the entity's row is to be updated,
    /// if its version is still <paramref name="expectedVersion"/> (by default the version it was loaded with). True when it changed.
    /// </summary>
    public bool After(object entity, object?[] before, int? expectedVersion = null)
    {
        var changed = 0UL;
        for (var i = 0; i < _columns.Count; i++)
        {
            if (!_columns.SameValue(entity, i, before[i]))
            {
                changed |= 1UL << i;
            }
        }

        if (changed == 0)
        {
            return false;
        }

        if (!_byChangedColumns.TryGetValue(changed, out var shape))
        {
            shape = (_columns.Only(changed), []);
            _byChangedColumns[changed] = shape;
        }

        shape.Rows.Add(new VersionedRow(entity, _columns.IdOf(entity), expectedVersion ?? _columns.VersionOf(entity)));
        Count++;
        return true;
    }

    /// <summary>The version-checked UPDATEs of the changed rows, in the batch's transaction.</summary>
    public async Task UpdateAsync(StatementBatch batch, CancellationToken cancellationToken)
    {
        foreach (var (columns, rows) in _byChangedColumns.Values)
        {
            await batch.UpdateManyAsync(columns, rows, cancellationToken);
        }
    }
}
