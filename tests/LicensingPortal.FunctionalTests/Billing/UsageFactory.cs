using System.Net.Http.Json;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>
/// The app on a fixed day (billing tests do not move with the calendar sweep), its demo data seeded around it, with email
/// on (to a closed port: the outbox is what is checked, not the sending).
/// </summary>
public sealed class UsageFactory : PortalFactory
{
    /// <summary>Tuesday 24 November 2026, 09:00 UTC: "today" of every usage test.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public UsageFactory()
    {
        Clock.Set(Now);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:PortalUrl", "https://portal.example");
        builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Smtp:Port", "9");
        builder.UseSetting("Notifications:Smtp:Security", "None");
        builder.UseSetting("Notifications:Smtp:TimeoutSeconds", "1");
    }
}

/// <summary>What the usage tests read and send.</summary>
internal static class Usage
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static object Report(Guid licenseId, DateOnly day, int used) => new { licenseId, day = Day(day), used };

    public static Task<HttpResponseMessage> PostAsync(HttpClient api, params object[] reports) =>
        api.PostAsJsonAsync("/api/v1/usage", new { reports }, TestContext.Current.CancellationToken);

    /// <summary>A license of the demo data with its units and the company owning it.</summary>
    public static Task<(Guid Id, Guid CustomerId, int Units, Guid OwnerId)> LicenseAsync(PortalFactory factory, string customer) =>
        factory.QueryAsync(async db => await db.CustomerLicenses.Where(l => l.Customer.Name == customer)
            .Select(l => new ValueTuple<Guid, Guid, int, Guid>(l.Id, l.CustomerId, l.Units, l.Customer.OwnerId)).FirstAsync());

    /// <summary>The stored figure of a license's day, or null.</summary>
    public static Task<int?> UsedAsync(PortalFactory factory, Guid licenseId, DateOnly day) =>
        factory.QueryAsync(db => db.LicenseUsages.Where(u => u.LicenseId == licenseId && u.Day == day).Select(u => (int?)u.Used).SingleOrDefaultAsync());

    public static Task<int> RowsAsync(PortalFactory factory, Guid licenseId) =>
        factory.QueryAsync(db => db.LicenseUsages.CountAsync(u => u.LicenseId == licenseId));
}
