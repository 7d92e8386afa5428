namespace LicensingPortal.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>
/// The <c>Database</c> configuration section plus the provider's connection string
/// (<c>ConnectionStrings:Sqlite</c>, <c>ConnectionStrings:SqlServer</c> or <c>ConnectionStrings:PostgreSql</c>).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup, bool SeedDemoData)
{
    public static string MigrationsAssembly(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "LicensingPortal.Migrations.Sqlite",
        DatabaseProvider.SqlServer => "LicensingPortal.Migrations.SqlServer",
        DatabaseProvider.PostgreSql => "LicensingPortal.Migrations.PostgreSql",
    };
}

/// <summary>A setting that is missing or wrong; the message names the setting and stops start-up.</summary>
public sealed class DatabaseConfigurationException(string message) : Exception(message)
{
    public DatabaseConfigurationException()
        : this("The database configuration is invalid.")
    {
    }

    public DatabaseConfigurationException(string message, Exception innerException)
        : this(message + " " + innerException.Message)
    {
    }
}
