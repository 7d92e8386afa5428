using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Infrastructure.Persistence;

/// <summary>
/// SQLite settings for a long batch job on the context's open connection, put back when disposed (the connection
/// returns to the pool and serves web requests afterwards): a page cache big enough for a batch's writes, temporary
/// tables in memory, and, under WAL, <c>synchronous = NORMAL</c> with one checkpoint at the end (a power cut may lose
/// the last batches, which the next run applies again, never half of one). Nothing on other providers. The sizes and
/// their measurements: docs/performance.md, "Why the code is shaped this way".
/// </summary>
public sealed class SqliteJobTuning : IAsyncDisposable
{
    /// <summary>16 MB instead of SQLite's 2 MB: larger caches measured no faster, and the process's memory counts.</summary>
    private const int CacheKibibytes = 16 * 1024;

    private readonly DbConnection _connection;
    private readonly List<string> _restore = [];
    private bool _checkpoint;

    private SqliteJobTuning(DbConnection connection) => _connection = connection;

    /// <summary>
    /// Null on other providers. The connection must be open (<c>OpenConnectionAsync</c>) for the job's whole run. A
    /// connection that only reads (<paramref name="forWrites"/> false: the job's loading lane) gets half the cache and
    /// leaves the WAL settings and the checkpoint to the writing one. A job that writes more than the WAL should hold
    /// (the month close: a gigabyte of lines) checkpoints every <paramref name="checkpointPages"/> pages instead of
    /// once at the end: every page read searches the WAL's index, which slows down as the WAL grows.
    /// </summary>
    public static async Task<SqliteJobTuning?> ApplyAsync(DbContext db, CancellationToken cancellationToken, bool forWrites = true, int checkpointPages = 0)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var tuning = new SqliteJobTuning(db.Database.GetDbConnection());
        var cache = forWrites ? CacheKibibytes : CacheKibibytes / 2;
        await tuning.SetAsync("cache_size", (-cache).ToString(CultureInfo.InvariantCulture), cancellationToken);
        await tuning.SetAsync("temp_store", "2", cancellationToken);
        if (forWrites && string.Equals(await tuning.ReadAsync("journal_mode", cancellationToken), "wal", StringComparison.OrdinalIgnoreCase))
        {
            await tuning.SetAsync("synchronous", "1", cancellationToken);
            await tuning.SetAsync("wal_autocheckpoint", checkpointPages.ToString(CultureInfo.InvariantCulture), cancellationToken);
            tuning._checkpoint = true;
        }

        return tuning;
    }

    public async ValueTask DisposeAsync()
    {
        if (_checkpoint)
        {
            await ExecuteAsync("PRAGMA wal_checkpoint(PASSIVE)", CancellationToken.None);
        }

        foreach (var pragma in _restore)
        {
            await ExecuteAsync(pragma, CancellationToken.None);
        }
    }

    private async Task SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        var before = await ReadAsync(name, cancellationToken);
        _restore.Add($"PRAGMA {name} = {before}");
        await ExecuteAsync($"PRAGMA {name} = {value}", cancellationToken);
    }

    private async Task<string> ReadAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
