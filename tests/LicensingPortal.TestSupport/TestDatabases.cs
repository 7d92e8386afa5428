using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LicensingPortal.TestSupport;

/// <summary>A real, empty database for one test class: a SQLite file, or a fresh PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string connectionString, Func<Task> drop)
    {
        Settings = new DatabaseSettings(provider, connectionString, MigrateOnStartup: true, SeedDemoData: false);
        Drop = drop;
    }

    public DatabaseSettings Settings { get; }

    public DatabaseProvider Provider => Settings.Provider;

    public string ConnectionString => Settings.ConnectionString;

    private Func<Task> Drop { get; }

    public static TestDatabase Sqlite() => Sqlite(copyOf: null);

    /// <summary>
    /// A second database with this one's schema and rows, dropped on its own: a copy of the SQLite file, or a PostgreSQL
    /// database made with this one as its TEMPLATE. Nothing may be connected to this one meanwhile.
    /// </summary>
    public async Task<TestDatabase> CopyAsync()
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                return Sqlite(copyOf: new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource);
            case DatabaseProvider.PostgreSql:
                // The pools' idle connections count as sessions on the template.
                NpgsqlConnection.ClearAllPools();
                var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
                return await PostgreSqlAsync($"TEMPLATE \"{name}\"");
            default:
                throw new NotSupportedException($"No copy of a {Provider} test database.");
        }
    }

    private static TestDatabase Sqlite(string? copyOf)
    {
        var path = Path.Combine(Path.GetTempPath(), "licensing-portal-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (copyOf is not null)
        {
            foreach (var suffix in new[] { string.Empty, "-wal" })
            {
                if (File.Exists(copyOf + suffix))
                {
                    File.Copy(copyOf + suffix, path + suffix);
                }
            }
        }

        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False", () =>
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Creates a uniquely named PostgreSQL database (skips, or fails in CI, without a server).</summary>
    public static Task<TestDatabase> PostgreSqlAsync() => PostgreSqlAsync(createOptions: null);

    private static async Task<TestDatabase> PostgreSqlAsync(string? createOptions)
    {
        var server = Requires.PostgreSql();
        var name = $"lp_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" {createOptions}", connection);
            await create.ExecuteNonQueryAsync();
        }

        // As the portal connects (statements prepared after a few uses), so the tests run what production runs.
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true };
        return new TestDatabase(DatabaseProvider.PostgreSql, DatabaseSetup.WithPostgreSqlDefaults(builder.ToString()), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    /// <summary>A fresh database on the SQL Server named by ConnectionStrings__SqlServer (skips where none is given).</summary>
    public static async Task<TestDatabase> SqlServerAsync()
    {
        var server = Requires.SqlServer();
        var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(server) { InitialCatalog = $"lp_test_{Guid.NewGuid():N}" };
        var settings = new DatabaseSettings(DatabaseProvider.SqlServer, builder.ToString(), true, false);
        var database = new TestDatabase(DatabaseProvider.SqlServer, builder.ToString(), async () =>
        {
            var options = new DbContextOptionsBuilder<PortalDbContext>();
            DatabaseSetup.Configure(options, settings);
            await using var db = new PortalDbContext(options.Options);
            await db.Database.EnsureDeletedAsync();
        });
        await Task.CompletedTask;
        return database;
    }

    public PortalDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, Settings);
        return new PortalDbContext(options.Options);
    }

    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync() => await Drop();
}
