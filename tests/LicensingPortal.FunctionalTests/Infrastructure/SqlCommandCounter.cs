using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LicensingPortal.FunctionalTests.Infrastructure;

/// <summary>Counts the SQL commands the app sends, to keep list pages at a fixed number of queries (no N+1).</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

    /// <summary>The SQL of the commands read since the last reset (readers only: what list pages send).</summary>
    /// <summary>
    /// The commands a page sent for its own work: without the one lookup by key that checks every signed-in
    /// request's session (SessionCheck, ASVS 7.4), which every page pays alike.
    /// </summary>
    public int PageCount => _texts.Count(t => !(t.Contains("\"SecurityStamp\"", StringComparison.Ordinal) && t.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal)));

    public IReadOnlyCollection<string> Texts => _texts;

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        _texts.Clear();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        _texts.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}
