using System.Diagnostics;
using System.Globalization;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Web.Startup;

/// <summary>
/// The verbs the benchmark (bench/run, docs/performance.md) gives the app instead of serving pages; each works on
/// the configured database and exits:
/// <list type="bullet">
/// <item><c>generate [--partners N] [--customers N] [--licenses N] [--seed N] [--due-renewals 0.05] [--pending-changes 0.02]</c>:
/// migrates, seeds the demo data, then writes the scale data set (reused when already there).</item>
/// <item><c>nightly</c>: runs the scheduler once (<see cref="LicenseScheduler.RunOnceAsync"/>) and prints what it did,
/// how long it took and the process's peak memory.</item>
/// <item><c>monthclose [--month yyyy-MM]</c>: runs the month close once (<see cref="MonthCloseJob.RunOnceAsync"/>) as on
/// the first day after the month (by default last month; bench/run passes the month the generator wrote) and prints
/// the statements closed, their lines, how long it took, the process's peak memory, and the longest partner statement
/// (its id and lines: the statement page bench/run measures).</item>
/// </list>
/// </summary>
public static class CommandLineVerbs
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] is "generate" or "nightly" or "monthclose";

    public static Task<int> RunAsync(WebApplication app, string[] args) => args[0] switch
    {
        "generate" => GenerateAsync(app, args),
        "monthclose" => MonthCloseAsync(app, args),
        _ => NightlyAsync(app),
    };

    private static async Task<int> NightlyAsync(WebApplication app)
    {
        var scheduler = app.Services.GetRequiredService<LicenseScheduler>();
        WarmUp(app);
        var watch = Stopwatch.StartNew();
        var run = await scheduler.RunOnceAsync(app.Lifetime.ApplicationStopping);
        watch.Stop();
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant(
            $"nightly: {run.ChangesApplied} changes applied, {run.ChangesRefused} refused, {run.Renewed} renewed, {run.StillConflicting} left; seconds={watch.Elapsed.TotalSeconds:F2} peak_mb={process.PeakWorkingSet64 / 1024.0 / 1024.0:F0} transactions={run.ChangesApplied + run.ChangesRefused + run.Renewed}"));
        return 0;
    }

    private static async Task<int> MonthCloseAsync(WebApplication app, string[] args)
    {
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var month = Value(args, "--month") is { } text
            ? DateOnly.ParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture)
            : new DateOnly(today.Year, today.Month, 1).AddMonths(-1);

        // The job closes the month before its clock's: five minutes into the month after.
        var job = ActivatorUtilities.CreateInstance<MonthCloseJob>(app.Services, (TimeProvider)new FixedClock(new DateTimeOffset(month.AddMonths(1).ToDateTime(new TimeOnly(0, 5)), TimeSpan.Zero)));
        WarmUp(app);
        var watch = Stopwatch.StartNew();
        var run = await job.RunOnceAsync(app.Lifetime.ApplicationStopping);
        watch.Stop();
        using var process = Process.GetCurrentProcess();
        var peak = process.PeakWorkingSet64;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var lines = await db.Statements.Where(s => s.Month == month).SelectMany(s => s.Lines).CountAsync(app.Lifetime.ApplicationStopping);
        // The statement page bench/run measures: the month's longest partner statement (the provider's direct customers' aside).
        var largest = await db.Statements.Where(s => s.Month == month && s.CompanyId != s.ProviderId)
            .OrderByDescending(s => s.Lines.Count).Select(s => new { s.Id, Lines = s.Lines.Count })
            .FirstOrDefaultAsync(app.Lifetime.ApplicationStopping);
        Console.WriteLine(FormattableString.Invariant(
            $"monthclose: {month:yyyy-MM}: {run.Closed} statements closed, {run.Submitted} submitted; seconds={watch.Elapsed.TotalSeconds:F2} peak_mb={peak / 1024.0 / 1024.0:F0} statements={run.Closed} lines={lines} largest={largest?.Id} largest_lines={largest?.Lines ?? 0}"));
        return 0;
    }

    /// <summary>
    /// Builds the EF model before the clock starts: a web server has built it long before its first nightly run, and
    /// the job's figure in docs/performance.md is the job's work, not the process's start.
    /// </summary>
    private static void WarmUp(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        _ = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Model;
    }

    private static async Task<int> GenerateAsync(WebApplication app, string[] args)
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
            : $"generate: {summary.Partners:N0} partners, {summary.Customers:N0} customers, {summary.Licenses:N0} licenses, {summary.PendingChanges:N0} pending changes, {summary.Pools:N0} license pools; "
              + $"{summary.Month:yyyy-MM}: {summary.Transactions:N0} transactions, {summary.UsageDays:N0} days of usage, {summary.Prices:N0} prices; in {summary.Took.TotalSeconds:F1} s");
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

/// <summary>The benchmark's clock for the month close: the job runs as on a chosen instant, whatever the day.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
