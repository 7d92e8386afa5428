using System.Net;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Licenses;

/// <summary>The background job, run by the test with a moved clock (its own app: the clock moves for everyone in it).</summary>
[Trait("Category", "Calendar")]
public sealed class SchedulerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private LicenseScheduler Scheduler => factory.Services.GetRequiredService<LicenseScheduler>();

    [Fact]
    public async Task A_scheduled_change_is_applied_once_on_its_date_even_when_the_job_runs_twice_at_once_R7()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, "Orchard Family Practice");
        var url = $"/customers/{customerId}/licenses/{licenseId}";
        var page = await client.GetPageAsync(url);
        var form = PortalClient.FormValues(page, $"form[action='{url}']");
        form["Input.Units"] = "11";
        form["Input.ApplyMode"] = "OnDate";
        form["Input.ApplyOn"] = factory.Clock.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(url, form, null)).StatusCode);

        factory.Clock.AdvanceDays(9);
        await Scheduler.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(11, await UnitsAsync(licenseId));

        factory.Clock.AdvanceDays(1);
        var runs = await Task.WhenAll(Scheduler.RunOnceAsync(TestContext.Current.CancellationToken), Scheduler.RunOnceAsync(TestContext.Current.CancellationToken));
        await Scheduler.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(11, await UnitsAsync(licenseId));
        Assert.Equal(1, runs.Sum(r => r.ChangesApplied));
        var applied = await Demo.QueryAsync(factory, db => db.LicenseTransactions.CountAsync(t => t.LicenseId == licenseId && t.Type == TransactionType.LicenseChange && t.ActorName == Actor.Scheduler.Name));
        Assert.Equal(1, applied);
        var again = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        Assert.Null((await again.GetPageAsync(url)).QuerySelector("[data-testid=pending-change]"));
    }

    [Fact]
    public async Task Auto_renewal_renews_at_expiry_for_its_frequency_but_never_trials_End_of_Life_or_canceled_partners()
    {
        var cedar = await Demo.LicenseOfAsync(factory, "Cedar Law Group");
        var before = await LicenseAsync(cedar.LicenseId);
        Assert.True(before.AutoRenew);
        var trial = await LicenseAsync((await Demo.LicenseOfAsync(factory, "Acme Dental")).LicenseId);
        var outback = await LicenseAsync((await Demo.LicenseOfAsync(factory, "Outback Tours")).LicenseId);
        var renewalsBefore = await RenewalsAsync(cedar.LicenseId);

        factory.Clock.Set(new DateTimeOffset(before.ExpiresOn.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero));
        await Scheduler.RunOnceAsync(TestContext.Current.CancellationToken);
        await Scheduler.RunOnceAsync(TestContext.Current.CancellationToken);

        var after = await LicenseAsync(cedar.LicenseId);
        Assert.Equal(before.ExpiresOn.AddMonths(before.AutoRenewMonths!.Value), after.ExpiresOn);
        Assert.Equal(renewalsBefore + 1, await RenewalsAsync(cedar.LicenseId));
        Assert.Equal(trial.ExpiresOn, (await LicenseAsync(trial.Id)).ExpiresOn);
        Assert.Equal(outback.ExpiresOn, (await LicenseAsync(outback.Id)).ExpiresOn);
    }

    // The class's other test moves the same clock ten days on and may renew Cedar first: count from here.
    private Task<int> RenewalsAsync(Guid licenseId) =>
        Demo.QueryAsync(factory, db => db.LicenseTransactions.CountAsync(t => t.LicenseId == licenseId && t.Type == TransactionType.AutoRenewal));

    private Task<int> UnitsAsync(Guid licenseId) =>
        Demo.QueryAsync(factory, db => db.CustomerLicenses.Where(l => l.Id == licenseId).Select(l => l.Units).SingleAsync());

    private Task<CustomerLicense> LicenseAsync(Guid licenseId) =>
        Demo.QueryAsync(factory, db => db.CustomerLicenses.AsNoTracking().SingleAsync(l => l.Id == licenseId));
}
