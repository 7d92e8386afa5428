using System.Net;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.Partners;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Notifications;

/// <summary>R20: a partner hears that a license pool runs low, below the share of free units it set (its own app: the setting changes recipients).</summary>
[Trait("Category", "Calendar")]
public sealed class PoolWarningTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private NotificationJob Job => factory.Services.GetRequiredService<NotificationJob>();

    [Fact]
    public async Task A_pool_below_the_partners_threshold_is_announced_once_to_those_who_assign_plans_and_again_after_units_are_added_R20()
    {
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        await SetWarningAsync(msp, "99");
        Assert.Equal(99, await Demo.QueryAsync(factory, db => db.Companies.Where(c => c.Id == contoso.Id).Select(c => c.PoolWarningPercent).SingleAsync(Cancel)));

        await Job.RunOnceAsync(Cancel);
        await Job.RunOnceAsync(Cancel);

        // Every pool of Contoso's with fewer than 99% of its units free (and not disabled), no other partner's.
        var pools = await Demo.QueryAsync(factory, db => db.LicensePools.Where(p => p.PartnerId == contoso.Id && !p.Disabled).ToListAsync(Cancel));
        var low = pools.Where(p => PoolNoticeRules.IsRunningLow(p.UnitsTotal, p.UnitsUsed, 99)).ToList();
        Assert.NotEmpty(low);
        Assert.NotEqual(pools.Count, low.Count);
        var received = await ReceivedAsync();
        Assert.Equal([DemoAccounts.MspAdmin, DemoAccounts.MspStaff], received.Select(r => r.Email).Distinct().Order());
        Assert.Equal(low.Count * 2, received.Count);
        Assert.All(received, r => Assert.Equal("/#pool-heading", r.Link));
        var poolIds = received.Select(r => r.Key.Split(':')[1]).ToHashSet();
        Assert.Equal(low.Select(p => p.Id.ToString("N")).Order(), poolIds.Order());

        // The title says which pool and how many units are left; the dashboard marks it.
        var fullest = low.OrderBy(p => (p.UnitsTotal - p.UnitsUsed) * 100 / p.UnitsTotal).First();
        var key = PoolNoticeRules.KeyFor(fullest.Id, fullest.UnitsTotal, fullest.UnitsRefilled);
        var titles = await Demo.QueryAsync(factory, db => db.Notifications.Where(n => n.Key == key).Select(n => n.Title).Distinct().ToListAsync(Cancel));
        Assert.Contains($"{fullest.UnitsTotal - fullest.UnitsUsed:N0} of {fullest.UnitsTotal:N0} units left", Assert.Single(titles), StringComparison.Ordinal);
        var dashboard = await msp.GetPageAsync("/");
        Assert.Contains(dashboard.QuerySelectorAll("section[aria-labelledby=pool-heading] .badge"), b => b.TextContent == "Running low");

        // The provider assigns more units to one low pool: still low at 99%, it is a new size, so it is announced again; the others are not.
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var page = await provider.GetPageAsync($"/partners/{contoso.Id}?tab=licenses");
        var added = await provider.PostAsync($"/partners/{contoso.Id}/licenses/assign", new() { ["PoolId"] = fullest.Id.ToString(), ["Units"] = "1", ["LicenseType"] = fullest.LicenseType.ToString() }, PortalClient.AntiforgeryToken(page));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await Job.RunOnceAsync(Cancel);
        var again = await ReceivedAsync();
        Assert.Equal(received.Count + 2, again.Count);
        Assert.Equal(2, again.Count(r => r.Key == PoolNoticeRules.KeyFor(fullest.Id, fullest.UnitsTotal + 1, fullest.UnitsRefilled)));

        // Turned off: more units and a run later, nothing new.
        await SetWarningAsync(msp, null);
        Assert.Null(await Demo.QueryAsync(factory, db => db.Companies.Where(c => c.Id == contoso.Id).Select(c => c.PoolWarningPercent).SingleAsync(Cancel)));
        page = await provider.GetPageAsync($"/partners/{contoso.Id}?tab=licenses");
        Assert.Equal(HttpStatusCode.Redirect, (await provider.PostAsync($"/partners/{contoso.Id}/licenses/assign", new() { ["PoolId"] = fullest.Id.ToString(), ["Units"] = "1", ["LicenseType"] = fullest.LicenseType.ToString() }, PortalClient.AntiforgeryToken(page))).StatusCode);
        await Job.RunOnceAsync(Cancel);
        Assert.Equal(again.Count, (await ReceivedAsync()).Count);
    }

    [Fact]
    public async Task A_threshold_outside_1_to_99_is_refused_on_the_form_and_a_provider_has_no_pool_warning_R20()
    {
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var fabrikam = await factory.PartnerAsync(PartnerTestData.ActiveReseller);
        var before = await Demo.QueryAsync(factory, db => db.Companies.Where(c => c.Id == fabrikam.Id).Select(c => new { c.PoolWarningPercent, c.Version }).SingleAsync(Cancel));
        Assert.Equal(10, before.PoolWarningPercent);

        foreach (var bad in new[] { "0", "100", "-5" })
        {
            var settings = await reseller.GetPageAsync("/notifications/settings");
            var form = PortalClient.FormValues(settings, "[data-testid=pool-warning]");
            form["PoolWarning.Percent"] = bad;
            var response = await reseller.PostAsync("/notifications/pool-warning", form, null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var shown = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
            Assert.Contains("between 1 and 99", shown.QuerySelector("[data-valmsg-for='PoolWarning.Percent']")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(bad, shown.QuerySelector("input[name='PoolWarning.Percent']")!.GetAttribute("value"));
        }

        var after = await Demo.QueryAsync(factory, db => db.Companies.Where(c => c.Id == fabrikam.Id).Select(c => new { c.PoolWarningPercent, c.Version }).SingleAsync(Cancel));
        Assert.Equal(before, after);

        // The provider has no pools: no section on its page, and a crafted POST gets the 404 of every action a role lacks.
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var providerSettings = await provider.GetPageAsync("/notifications/settings");
        Assert.Null(providerSettings.QuerySelector("[data-testid=pool-warning]"));
        var crafted = await provider.PostAsync("/notifications/pool-warning", new() { ["PoolWarning.Warn"] = "true", ["PoolWarning.Percent"] = "20", ["PoolWarning.Version"] = "0" }, PortalClient.AntiforgeryToken(providerSettings));
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.Null(await Demo.QueryAsync(factory, db => db.Companies.Where(c => c.Type == Domain.Partners.CompanyType.Provider).Select(c => c.PoolWarningPercent).FirstAsync(Cancel)));
    }

    private static async Task SetWarningAsync(PortalClient client, string? percent)
    {
        var settings = await client.GetPageAsync("/notifications/settings");
        var form = PortalClient.FormValues(settings, "[data-testid=pool-warning]");
        if (percent is null)
        {
            form.Remove("PoolWarning.Warn");
        }
        else
        {
            form["PoolWarning.Warn"] = "true";
            form["PoolWarning.Percent"] = percent;
        }

        var response = await client.PostAsync("/notifications/pool-warning", form, null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private sealed record Received(string? Email, string Link, string Key);

    private Task<List<Received>> ReceivedAsync() =>
        Demo.QueryAsync(factory, db => db.Notifications.Where(n => n.Kind == NotificationKind.LicensePoolRunningLow)
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => new Received(u.Email, n.Link, n.Key))
            .ToListAsync(Cancel));
}
