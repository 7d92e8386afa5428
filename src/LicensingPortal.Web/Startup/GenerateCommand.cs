using System.Globalization;
using LicensingPortal.Infrastructure.Seeding;

namespace LicensingPortal.Web.Startup;

/// <summary>
/// <c>dotnet run --project src/LicensingPortal.Web -c Release -- generate [--partners N] [--customers N] [--licenses N] [--seed N]
/// [--due-renewals 0.05] [--pending-changes 0.02]</c>: writes the benchmark's data set (docs/performance.md) into the
/// configured database (migrated and seeded with the demo data first), then exits.
/// </summary>
public static class GenerateCommand
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "generate";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var defaults = new ScaleDataOptions();
        var options = new ScaleDataOptions(
            Int(args, "--partners", defaults.Partners),
            Int(args, "--customers", defaults.Customers),
            Int(args, "--licenses", defaults.Licenses),
            Int(args, "--seed", defaults.Seed),
            Double(args, "--due-renewals", defaults.DueRenewalShare),
            Double(args, "--pending-changes", defaults.PendingChangeShare));
        using var scope = app.Services.CreateScope();
        var generator = ActivatorUtilities.CreateInstance<ScaleDataGenerator>(scope.ServiceProvider);
        var summary = await generator.GenerateAsync(options, app.Lifetime.ApplicationStopping);
        Console.WriteLine(summary.Reused
            ? $"generate: reused {summary.Partners:N0} partners, {summary.Customers:N0} customers, {summary.Licenses:N0} licenses already in the database"
            : $"generate: {summary.Partners:N0} partners, {summary.Customers:N0} customers, {summary.Licenses:N0} licenses, {summary.PendingChanges:N0} pending changes, {summary.Pools:N0} license pools in {summary.Took.TotalSeconds:F1} s");
        return 0;
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int Int(string[] args, string name, int fallback) =>
        Value(args, name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    private static double Double(string[] args, string name, double fallback) =>
        Value(args, name) is { } text ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;
}
