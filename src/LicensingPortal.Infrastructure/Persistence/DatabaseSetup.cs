using LicensingPortal.Application.Auditing;
using LicensingPortal.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LicensingPortal.Infrastructure.Persistence;

public static class DatabaseSetup
{
    /// <summary>
    /// Reads <c>Database:Provider</c>, the provider's connection string and the start-up switches.
    /// A missing or wrong setting throws <see cref="DatabaseConfigurationException"/> naming it.
    /// </summary>
    public static DatabaseSettings ReadSettings(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(providerText))
        {
            throw new DatabaseConfigurationException("Database:Provider is not set. Use Sqlite, SqlServer or PostgreSql.");
        }

        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            throw new DatabaseConfigurationException($"Database:Provider '{providerText}' is not supported. Use Sqlite, SqlServer or PostgreSql.");
        }

        var key = $"ConnectionStrings:{provider}";
        var connectionString = configuration[key];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new DatabaseConfigurationException($"{key} is not set: Database:Provider is {provider}, so a {provider} connection string is needed (environment variable ConnectionStrings__{provider}).");
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = AnchorSqlitePath(connectionString, contentRoot, key);
        }
        else if (provider == DatabaseProvider.PostgreSql)
        {
            connectionString = WithPostgreSqlDefaults(connectionString);
        }

        // Migrating at start is the default only for the embedded SQLite database; elsewhere it is opt-in (docs/deployment).
        var migrate = configuration.GetValue<bool?>("Database:MigrateOnStartup") ?? provider == DatabaseProvider.Sqlite;
        var seed = configuration.GetValue<bool?>("Database:SeedDemoData") ?? provider == DatabaseProvider.Sqlite;
        return new DatabaseSettings(provider, connectionString, migrate, seed);
    }

    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);

        // R26: every audit entry is stamped with where it came from as it is saved; the web app replaces the origin.
        services.TryAddSingleton<IAuditOrigin, SystemAuditOrigin>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, AuditOriginInterceptor>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, ReadOnlySupportCommandInterceptor>();
        // Pooled: a request leases a context whose internal services are already built and returns it reset (change
        // tracker, command timeout, connection closed); a new context per request cost a list page about a tenth of its
        // CPU (docs/performance.md). The context holds no state of its own (no user, no tenant: TenantScope filters).
        services.AddDbContextPool<PortalDbContext>((services, options) =>
        {
            Configure(options, settings);

            // Interceptors registered in DI as singletons (e.g. the tests' SQL command counter) join every context.
            options.AddInterceptors(services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });
        services.AddScoped<IPortalDbContext>(sp => sp.GetRequiredService<PortalDbContext>());
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        var migrations = DatabaseSettings.MigrationsAssembly(settings.Provider);
        _ = settings.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(settings.ConnectionString, o => o.MigrationsAssembly(migrations)),
            DatabaseProvider.SqlServer => options.UseSqlServer(settings.ConnectionString, o => o.MigrationsAssembly(migrations).EnableRetryOnFailure()),
            DatabaseProvider.PostgreSql => options.UseNpgsql(settings.ConnectionString, o => o.MigrationsAssembly(migrations)),
        };
    }

    /// <summary>
    /// Two Npgsql settings the portal needs at scale, added unless the connection string sets them (docs/performance.md):
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare=64</c>: PostgreSQL plans every statement EF sends again unless it is prepared, and a
    /// list page's planning cost more than its running; Npgsql prepares the statements a connection runs often, from the
    /// fifth use, up to 64 per connection.</item>
    /// <item><c>No Reset On Close=true</c>: otherwise each connection taken from the pool first runs a seven-statement
    /// reset (<c>SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all();
    /// DISCARD SEQUENCES; DISCARD TEMP</c>), once per query EF sends, three times a page. The portal leaves no session
    /// state behind to reset: no SET, LISTEN, advisory lock, cursor or temporary table (an open transaction is still
    /// rolled back when a connection returns to the pool).</item>
    /// </list>
    /// </summary>
    public static string WithPostgreSqlDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>A relative SQLite file is relative to the app's content root, and its folder is created.</summary>
    private static string AnchorSqlitePath(string connectionString, string contentRoot, string key)
    {
        Microsoft.Data.Sqlite.SqliteConnectionStringBuilder builder;
        try
        {
            builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new DatabaseConfigurationException($"{key} is not a valid SQLite connection string: {e.Message}");
        }

        var dataSource = builder.DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        if (!Path.IsPathRooted(dataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, dataSource));
        }

        var folder = Path.GetDirectoryName(builder.DataSource)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseConfigurationException($"{key}: the folder {folder} for the SQLite file cannot be created ({e.Message}).");
        }

        return builder.ToString();
    }
}
