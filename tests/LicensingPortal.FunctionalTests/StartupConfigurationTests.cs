using System.Diagnostics;

namespace LicensingPortal.FunctionalTests;

/// <summary>Bad database configuration stops start-up with one log line naming the setting, never a stack trace wall.</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("Oracle", null, "Database:Provider 'Oracle' is not supported")]
    [InlineData("PostgreSql", null, "ConnectionStrings:PostgreSql is not set")]
    [InlineData("Sqlite", "Data Source=/proc/no-such-dir/x.db", "ConnectionStrings:Sqlite")]
    public async Task A_wrong_database_setting_stops_start_up_with_one_line_naming_it(string provider, string? connectionString, string expected)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "LicensingPortal.Web.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", web, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = provider;
        start.Environment["ConnectionStrings__PostgreSql"] = string.Empty;
        if (connectionString is not null)
        {
            start.Environment[$"ConnectionStrings__{provider}"] = connectionString;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;

        Assert.Equal(1, process.ExitCode);
        var fatal = text.Split('\n').Where(l => l.Contains("FTL", StringComparison.Ordinal)).ToList();
        Assert.Single(fatal);
        Assert.Contains(expected, fatal[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
