using System.Data.Common;
using LicensingPortal.Domain.Common;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LicensingPortal.IntegrationTests.Notifications;

/// <summary>
/// The notification and webhook jobs read the license transactions and audit entries after their cursors every minute on
/// every node (<see cref="EventSource.After{T}"/>). Both tables only grow; the read must seek the (At, Id) index from the
/// cursor on, never scan and sort the whole history. Checked on each provider's own query plan.
/// </summary>
public sealed class EventSourceQueryPlanTests
{
    public static TheoryData<string, string> Sources => new()
    {
        { "Sqlite", "LicenseTransactions" },
        { "Sqlite", "AuditEntries" },
        { "PostgreSql", "LicenseTransactions" },
        { "PostgreSql", "AuditEntries" },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task The_jobs_read_after_their_cursor_by_the_time_index(string provider, string table)
    {
        await using var database = provider == "Sqlite" ? TestDatabase.Sqlite() : await TestDatabase.PostgreSqlAsync();
        await database.MigrateAsync();
        var explain = new ExplainInterceptor(provider == "Sqlite" ? "EXPLAIN QUERY PLAN " : "EXPLAIN ");
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, database.Settings);
        await using var db = new PortalDbContext(options.AddInterceptors(explain).Options);
        await db.Database.OpenConnectionAsync();
        if (provider == "PostgreSql")
        {
            // An empty table is cheapest to scan: forbid that, so the plan shows whether an index can serve the read at all.
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off; SET enable_sort = off");
        }

        var since = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        var lastId = Guid.CreateVersion7();
        _ = table == "LicenseTransactions"
            ? await Page(db.LicenseTransactions, since, lastId)
            : await Page(db.AuditEntries, since, lastId);

        var plan = string.Join("\n", explain.Plan);
        Assert.Contains($"IX_{table}_At_Id", plan);
        Assert.Contains(provider == "Sqlite" ? "SEARCH" : "Index Cond: (\"At\" >=", plan); // a seek from the cursor, not a walk from the start
        Assert.DoesNotContain(provider == "Sqlite" ? "TEMP B-TREE" : "Sort", plan);
    }

    private static Task<List<Guid>> Page<T>(DbSet<T> records, DateTimeOffset since, Guid lastId)
        where T : class, IAppendOnlyRecord =>
        records.AsNoTracking().After(since, lastId).Take(EventSource.BatchSize).Select(r => r.Id).ToListAsync();

    /// <summary>Before each query runs, runs it once more prefixed with EXPLAIN and keeps the plan's text.</summary>
    private sealed class ExplainInterceptor(string prefix) : DbCommandInterceptor
    {
        public List<string> Plan { get; } = [];

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await using var explain = command.Connection!.CreateCommand();
            explain.CommandText = prefix + command.CommandText;
            foreach (DbParameter parameter in command.Parameters)
            {
                var copy = explain.CreateParameter();
                copy.ParameterName = parameter.ParameterName;
                copy.DbType = parameter.DbType;
                copy.Value = parameter.Value;
                explain.Parameters.Add(copy);
            }

            await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                Plan.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            return result;
        }
    }
}
