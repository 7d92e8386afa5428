using LicensingPortal.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace LicensingPortal.IntegrationTests.Persistence;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void A_PostgreSQL_connection_prepares_the_statements_it_runs_often_and_skips_the_session_reset_unless_told_otherwise()
    {
        var settings = Read("Host=db;Database=portal;Username=portal;Password=secret");
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(64, builder.MaxAutoPrepare);
        Assert.True(builder.NoResetOnClose);
        Assert.Equal("db", builder.Host);
        Assert.Equal("secret", builder.Password);

        var ownChoice = new NpgsqlConnectionStringBuilder(
            Read("Host=db;Database=portal;Username=portal;Password=secret;Max Auto Prepare=0;No Reset On Close=false").ConnectionString);
        Assert.Equal(0, ownChoice.MaxAutoPrepare);
        Assert.False(ownChoice.NoResetOnClose);
    }

    private static DatabaseSettings Read(string connectionString) => DatabaseSetup.ReadSettings(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:PostgreSql"] = connectionString,
        }).Build(),
        contentRoot: Path.GetTempPath());
}
