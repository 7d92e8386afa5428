using LicensingPortal.TestSupport;

namespace LicensingPortal.IntegrationTests;

/// <summary>
/// Tests that run the same on each engine here: each test gets a fresh database (a SQLite file, or a PostgreSQL
/// database) migrated to the latest schema; a subclass per engine says which.
/// </summary>
public abstract class MigratedDatabaseTests : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();
}
