using System.Net;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Partners;

/// <summary>R11 cancel on SQLite, through the Profile tab: irreversible, licenses expire on the cancel date, accounts lose access.</summary>
[Trait("Category", "Calendar")]
public sealed class CancelPartnerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Cancel_needs_the_partner_name_then_expires_licenses_disables_accounts_and_signs_users_out_R11()
    {
        var resellerAdmin = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var fabrikam = await factory.PartnerAsync(PartnerTestData.ActiveReseller);
        var today = factory.Clock.Today;
        await using var db = factory.CreateDbContext();
        var licenseIds = await db.CustomerLicenses.Where(l => l.Customer.OwnerId == fabrikam.Id && (l.ExpiresOn > today || l.AutoRenew)).Select(l => l.Id).ToListAsync();
        var stamps = await db.Users.AsNoTracking().Where(u => u.CompanyId == fabrikam.Id).ToDictionaryAsync(u => u.Id, u => u.SecurityStamp);

        var profile = await admin.GetPageAsync($"/partners/{fabrikam.Id}?tab=profile");
        var form = PortalClient.FormValues(profile, "#cancel");
        form["ConfirmName"] = "Fabrikam";
        var wrongName = await admin.PostAsync($"/partners/{fabrikam.Id}/cancel", form, PortalClient.AntiforgeryToken(profile));
        var wrongPage = await PortalClient.ParseAsync(await wrongName.TextAsync());
        Assert.Equal(PartnerStatus.Active, (await factory.PartnerAsync(PartnerTestData.ActiveReseller)).Status);
        Assert.Contains("Type the partner's name, Fabrikam Resellers, to confirm", wrongPage.QuerySelector("[data-valmsg-for=ConfirmName]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(profile.QuerySelector("form#cancel[data-confirm]"));

        form["ConfirmName"] = "Fabrikam Resellers";
        var canceled = await admin.PostAsync($"/partners/{fabrikam.Id}/cancel", form, PortalClient.AntiforgeryToken(profile));

        Assert.Equal(HttpStatusCode.Redirect, canceled.StatusCode);
        await using var after = factory.CreateDbContext();
        var partner = await after.Companies.AsNoTracking().SingleAsync(c => c.Id == fabrikam.Id);
        Assert.Equal(PartnerStatus.Canceled, partner.Status);
        Assert.True(licenseIds.Count > 0);
        var licenses = await after.CustomerLicenses.AsNoTracking().Where(l => licenseIds.Contains(l.Id)).ToListAsync();
        Assert.All(licenses, l => Assert.True(l.ExpiresOn <= today && !l.AutoRenew, $"License {l.Id} expires {l.ExpiresOn}."));
        Assert.Contains(licenses, l => l.ExpiresOn == today);
        var expirations = await after.LicenseTransactions.AsNoTracking().Where(t => t.Type == TransactionType.Expiration && licenseIds.Contains(t.LicenseId)).ToListAsync();
        Assert.Equal(licenseIds.Count, expirations.Count);
        Assert.All(expirations, t => Assert.Equal("Paula Provider", t.ActorName));
        var users = await after.Users.AsNoTracking().Where(u => u.CompanyId == fabrikam.Id).ToListAsync();
        Assert.All(users, u => Assert.True(u.IsDisabled));
        Assert.All(users, u => Assert.NotEqual(stamps[u.Id], u.SecurityStamp));
        var audit = await after.AuditEntries.AsNoTracking().SingleAsync(a => a.CompanyId == fabrikam.Id && a.Action == "PartnerCanceled");
        Assert.Equal("Active", audit.Before);
        Assert.StartsWith("Canceled", audit.After, StringComparison.Ordinal);

        // Irreversible: reactivation is refused, and every tab is read-only.
        var page = await admin.GetPageAsync($"/partners/{fabrikam.Id}?tab=profile");
        Assert.Null(page.QuerySelector("#reactivate"));
        Assert.Null(page.QuerySelector("#profile button[type=submit]"));
        var reactivate = await admin.PostAsync($"/partners/{fabrikam.Id}/reactivate", new() { ["version"] = partner.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, PortalClient.AntiforgeryToken(page));
        Assert.Contains("cancellation is irreversible.", await reactivate.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\(R\d+\)", await reactivate.TextAsync()); // people read the sentence; the code is the API's

        // The reseller's open session ends within the security-stamp interval, and it cannot sign in again.
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var home = await resellerAdmin.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/sign-in", home.Headers.Location?.AbsolutePath);
        await Assert.ThrowsAsync<InvalidOperationException>(() => PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin));
    }
}
