using System.Net;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Notifications;

/// <summary>R20: what the portal and the scheduler did is announced to the companies it concerns (one test: the clock moves at its end).</summary>
[Trait("Category", "Calendar")]
public sealed class NotificationEventsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private NotificationJob Job => factory.Services.GetRequiredService<NotificationJob>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Suite_changes_partner_status_renewals_and_applied_changes_reach_the_companies_concerned_once_R20()
    {
        await Job.RunOnceAsync(Cancel);
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        // A suite composition change: every owner with a locked plan is asked to approve; a reseller owns none.
        var productId = await Demo.QueryAsync(factory, db => db.Products.Where(p => p.Name == "Email Security").Select(p => p.Id).SingleAsync(Cancel));
        var recorded = await provider.PostFormAsync($"/products/{productId}/suite-change", $"/products/{productId}/suite-change", new()
        {
            ["ComponentsAdded"] = "URL Time-of-Click",
            ["ComponentsRemoved"] = "Anti-spam",
            ["EffectiveOn"] = factory.Clock.Today.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        await Job.RunOnceAsync(Cancel);
        await Job.RunOnceAsync(Cancel);
        var suite = await ReceivedAsync(NotificationKind.SuiteChangeAwaitingApproval);
        Assert.Equal([DemoAccounts.MspAdmin, DemoAccounts.ProviderAdmin], suite.Select(r => r.Email).Order());
        Assert.All(suite, r => Assert.Equal("/service-plans/component-updates", r.Link));

        // Suspend and reactivate the reseller: its administrator hears of both, nobody else does.
        var fabrikam = await Demo.QueryAsync(factory, db => db.Companies.Where(c => c.Name == "Fabrikam Resellers").Select(c => c.Id).SingleAsync(Cancel));
        var profile = await provider.GetPageAsync($"/partners/{fabrikam}?tab=profile");
        Assert.Equal(HttpStatusCode.Redirect, (await provider.PostAsync($"/partners/{fabrikam}/suspend", PortalClient.FormValues(profile, "#suspend"), PortalClient.AntiforgeryToken(profile))).StatusCode);
        profile = await provider.GetPageAsync($"/partners/{fabrikam}?tab=profile");
        Assert.Equal(HttpStatusCode.Redirect, (await provider.PostAsync($"/partners/{fabrikam}/reactivate", PortalClient.FormValues(profile, "#reactivate"), PortalClient.AntiforgeryToken(profile))).StatusCode);
        await Job.RunOnceAsync(Cancel);
        await Job.RunOnceAsync(Cancel);
        Assert.Equal([DemoAccounts.ResellerAdmin], (await ReceivedAsync(NotificationKind.PartnerSuspended)).Select(r => r.Email));
        Assert.Equal([DemoAccounts.ResellerAdmin], (await ReceivedAsync(NotificationKind.PartnerReactivated)).Select(r => r.Email));
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var list = await reseller.GetPageAsync("/notifications");
        Assert.Contains("Fabrikam Resellers is suspended", list.QuerySelector("[data-testid=notifications]")!.TextContent, StringComparison.Ordinal);

        // A change scheduled for a date, and Cedar's auto-renewal: applied by the scheduler, then announced.
        var (evergreenCustomer, evergreen) = await Demo.LicenseOfAsync(factory, "Evergreen Clinic", "WFBSS");
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var url = $"/customers/{evergreenCustomer}/licenses/{evergreen}";
        var form = PortalClient.FormValues(await msp.GetPageAsync(url), $"form[action='{url}']");
        form["Input.Units"] = "21";
        form["Input.ApplyMode"] = "OnDate";
        form["Input.ApplyOn"] = factory.Clock.Today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await msp.PostAsync(url, form, null)).StatusCode);
        var (_, cedar) = await Demo.LicenseOfAsync(factory, "Cedar Law Group");
        var cedarExpires = await Demo.QueryAsync(factory, db => db.CustomerLicenses.Where(l => l.Id == cedar).Select(l => l.ExpiresOn).SingleAsync(Cancel));
        Assert.True(cedarExpires > factory.Clock.Today.AddDays(3));

        factory.Clock.Set(new DateTimeOffset(cedarExpires.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero));
        await factory.Services.GetRequiredService<LicenseScheduler>().RunOnceAsync(Cancel);
        await Job.RunOnceAsync(Cancel);
        await Job.RunOnceAsync(Cancel);

        var renewed = await ReceivedAsync(NotificationKind.AutoRenewalDone);
        Assert.Equal([DemoAccounts.MspAdmin, DemoAccounts.MspStaff], renewed.Where(r => r.Link.EndsWith(cedar.ToString(), StringComparison.Ordinal)).Select(r => r.Email).Order());
        var applied = await ReceivedAsync(NotificationKind.ScheduledChangeApplied);
        Assert.Equal([DemoAccounts.MspAdmin, DemoAccounts.MspStaff], applied.Where(r => r.Link == url).Select(r => r.Email).Order());

        // Cedar renewed: its renewal warning before this was about the old date; the next term gets its own.
        var warned = await Demo.QueryAsync(factory, db => db.Notifications.Where(n => n.Key.StartsWith($"{NotificationKind.AutoRenewalComingUp}:{cedar:N}:")).Select(n => n.Key).Distinct().ToListAsync(Cancel));
        Assert.Equal([$"{NotificationKind.AutoRenewalComingUp}:{cedar:N}:{cedarExpires:yyyy-MM-dd}"], warned);
    }

    private sealed record Received(string? Email, string Link);

    private Task<List<Received>> ReceivedAsync(NotificationKind kind) =>
        Demo.QueryAsync(factory, db => db.Notifications.Where(n => n.Kind == kind)
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => new Received(u.Email, n.Link))
            .ToListAsync(Cancel));
}
