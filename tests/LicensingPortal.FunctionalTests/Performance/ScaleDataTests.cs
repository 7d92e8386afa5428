using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Performance;

/// <summary>
/// The benchmark's data generator (bench/run, docs/performance.md), small: what it writes through raw batched
/// INSERTs is read back by EF and the pages like the app's own data, and the nightly job works on it. No timings.
/// </summary>
public sealed class ScaleDataTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Generated_partners_customers_and_licenses_are_listed_by_the_app_and_renewed_by_the_nightly_job_R8_R9()
    {
        var before = await Demo.QueryAsync(factory, db => db.Customers.CountAsync());
        ScaleDataSummary summary;
        using (var scope = factory.Services.CreateScope())
        {
            summary = await ActivatorUtilities.CreateInstance<ScaleDataGenerator>(scope.ServiceProvider)
                .GenerateAsync(new ScaleDataOptions(Partners: 50, Customers: 1_000, Licenses: 10_000), TestContext.Current.CancellationToken);
        }

        Assert.False(summary.Reused);
        Assert.Equal(before + 1_000, await Demo.QueryAsync(factory, db => db.Customers.CountAsync()));
        Assert.Equal(50, await Demo.QueryAsync(factory, db => db.Companies.CountAsync(c => c.ContactEmail!.StartsWith("ops@partner"))));
        var today = factory.Clock.Today;
        var licenses = await Demo.QueryAsync(factory, db => db.CustomerLicenses.AsNoTracking().Include(l => l.Plan).ThenInclude(p => p.Product).Include(l => l.Customer).ThenInclude(c => c.Owner).ToListAsync());
        Assert.True(licenses.Count >= 10_000);
        var statuses = licenses.GroupBy(l => l.StatusOn(today)).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enum.GetValues<LicenseStatus>(), status => Assert.True(statuses.GetValueOrDefault(status) > 100, $"{status}: {statuses.GetValueOrDefault(status)}"));
        Assert.DoesNotContain(licenses, l => l.Customer.Owner.Status == PartnerStatus.Canceled && l.AutoRenew);
        Assert.True(summary.PendingChanges > 0);

        // The provider's list pages through them (keyset), and a generated customer's page opens.
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var page = await client.GetPageAsync("/customers?status=Expired&sort=Name");
        var rows = page.QuerySelectorAll("tbody tr");
        Assert.Equal(25, rows.Length);
        var next = page.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await client.GetPageAsync(next);
        Assert.Equal(25, second.QuerySelectorAll("tbody tr").Length);
        var firstLinks = rows.SelectMany(r => r.QuerySelectorAll("a")).Select(a => a.GetAttribute("href")).ToList();
        Assert.Empty(second.QuerySelectorAll("tbody tr a").Select(a => a.GetAttribute("href")).Intersect(firstLinks));
        var customer = second.QuerySelector("tbody tr a")!.GetAttribute("href")!;
        Assert.NotEmpty((await client.GetPageAsync(customer)).QuerySelectorAll("a[href*='/licenses/']"));

        // The nightly job renews the due licenses and applies the due changes, each with its transaction.
        var run = await factory.Services.GetRequiredService<LicenseScheduler>().RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.True(run.Renewed > 100);
        Assert.True(run.ChangesApplied > 10);
        var written = await Demo.QueryAsync(factory, db => db.LicenseTransactions.CountAsync(t => t.ActorName == Actor.Scheduler.Name));
        Assert.True(written >= run.Renewed + run.ChangesApplied + run.ChangesRefused);
        Assert.Equal(0, (await factory.Services.GetRequiredService<LicenseScheduler>().RunOnceAsync(TestContext.Current.CancellationToken)).Renewed);
    }
}
