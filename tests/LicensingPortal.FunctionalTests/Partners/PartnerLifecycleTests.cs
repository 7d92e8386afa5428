using System.Globalization;
using System.Net;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Partners;

/// <summary>What a provider admin does on the partner page, end to end over HTTP, with the audit trail it leaves.</summary>
public sealed class PartnerLifecycleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Suspend_makes_every_tab_but_profile_read_only_and_reactivate_restores_them_both_kept_for_billing_R11_R24()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);

        var profile = await client.GetPageAsync($"/partners/{contoso.Id}?tab=profile");
        var suspended = await client.PostAsync($"/partners/{contoso.Id}/suspend", PortalClient.FormValues(profile, "#suspend"), PortalClient.AntiforgeryToken(profile));
        var licenses = await client.GetPageAsync($"/partners/{contoso.Id}?tab=licenses");
        var profileWhileSuspended = await client.GetPageAsync($"/partners/{contoso.Id}?tab=profile");
        var reactivated = await client.PostAsync($"/partners/{contoso.Id}/reactivate", PortalClient.FormValues(profileWhileSuspended, "#reactivate"), PortalClient.AntiforgeryToken(profileWhileSuspended));
        var licensesAgain = await client.GetPageAsync($"/partners/{contoso.Id}?tab=licenses");

        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Assert.Contains("is suspended: only its profile can be changed", licenses.QuerySelector("#read-only-banner")?.TextContent, StringComparison.Ordinal);
        Assert.Null(licenses.QuerySelector("#assign-licenses"));
        Assert.NotNull(profileWhileSuspended.QuerySelector("#profile button[type=submit]"));
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.Null(licensesAgain.QuerySelector("#read-only-banner"));
        Assert.NotNull(licensesAgain.QuerySelector("#assign-licenses"));

        await using var db = factory.CreateDbContext();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == contoso.Id && (a.Action == "PartnerSuspended" || a.Action == "PartnerReactivated")).ToListAsync();
        Assert.Contains(audit, a => a.Action == "PartnerSuspended" && a.Before == "Active" && a.After == "Suspended" && a.ActorName == "Paula Provider");
        Assert.Contains(audit, a => a.Action == "PartnerReactivated" && a.Before == "Suspended" && a.After == "Active");
        Assert.Equal(PartnerStatus.Active, (await factory.PartnerAsync(PartnerTestData.ActiveMsp)).Status);

        // R24: both moves are in the partner's status history, which billing reads, at the audited instants.
        var history = await db.CompanyStatusChanges.AsNoTracking().Where(c => c.CompanyId == contoso.Id).ToListAsync();
        Assert.Equal(
            audit.Select(a => (Status: a.Action == "PartnerSuspended" ? PartnerStatus.Suspended : PartnerStatus.Active, a.At)).OrderBy(m => m.At).ThenBy(m => m.Status),
            history.Select(c => (c.Status, c.At)).OrderBy(m => m.At).ThenBy(m => m.Status));
    }

    [Fact]
    public async Task A_plan_assigned_to_a_reseller_and_removed_stays_on_its_customers_R14()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var fabrikam = await factory.PartnerAsync(PartnerTestData.ActiveReseller);
        await using var db = factory.CreateDbContext();
        var plan = await db.ServicePlans.AsNoTracking().SingleAsync(p => p.Name == "Northwind WFBSS Advanced – 12 months");
        var kept = await db.ServicePlans.AsNoTracking().SingleAsync(p => p.Name == "Northwind Email Security – 12 months");
        var licensesOfKept = await db.CustomerLicenses.CountAsync(l => l.ServicePlanId == kept.Id && l.Customer.OwnerId == fabrikam.Id);

        var page = await client.GetPageAsync($"/partners/{fabrikam.Id}?tab=service-plans");
        var assigned = await client.PostAsync($"/partners/{fabrikam.Id}/service-plans/assign", new() { ["servicePlanId"] = plan.Id.ToString() }, PortalClient.AntiforgeryToken(page));
        var afterAssign = await client.GetPageAsync($"/partners/{fabrikam.Id}?tab=service-plans");
        var removed = await client.PostAsync($"/partners/{fabrikam.Id}/service-plans/{kept.Id}/remove", [], PortalClient.AntiforgeryToken(afterAssign));

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.NotNull(afterAssign.QuerySelector($"#assigned-plans tr[data-plan='{plan.Name}']"));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        await using var after = factory.CreateDbContext();
        Assert.True(await after.ResellerPlanAssignments.AnyAsync(a => a.ResellerId == fabrikam.Id && a.ServicePlanId == plan.Id));
        Assert.False(await after.ResellerPlanAssignments.AnyAsync(a => a.ResellerId == fabrikam.Id && a.ServicePlanId == kept.Id));
        Assert.True(licensesOfKept > 0);
        Assert.Equal(licensesOfKept, await after.CustomerLicenses.CountAsync(l => l.ServicePlanId == kept.Id && l.Customer.OwnerId == fabrikam.Id));
    }

    [Fact]
    public async Task A_stale_profile_form_is_refused_as_changed_by_someone_else_R19()
    {
        var alice = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var bob = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var litware = await factory.PartnerAsync(PartnerTestData.SuspendedMsp);
        var alicePage = await alice.GetPageAsync($"/partners/{litware.Id}?tab=profile");
        var bobPage = await bob.GetPageAsync($"/partners/{litware.Id}?tab=profile");

        var aliceForm = PortalClient.FormValues(alicePage, "#profile");
        aliceForm["ContactName"] = "Alice's contact";
        var first = await alice.PostAsync($"/partners/{litware.Id}/profile", aliceForm, PortalClient.AntiforgeryToken(alicePage));
        var bobForm = PortalClient.FormValues(bobPage, "#profile");
        bobForm["Phone"] = "+81 3 0000 0000";
        var second = await bob.PostAsync($"/partners/{litware.Id}/profile", bobForm, PortalClient.AntiforgeryToken(bobPage));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Contains("changed by someone else", await second.TextAsync(), StringComparison.Ordinal);
        var saved = await factory.PartnerAsync(PartnerTestData.SuspendedMsp);
        Assert.Equal("Alice's contact", saved.ContactName);
        Assert.Equal("+81 3 5550 2000", saved.Phone);
    }

    [Fact]
    public async Task A_partner_created_without_a_password_gets_a_one_time_link_that_sets_it_R15()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        var created = await client.PostFormAsync("/partners/new", "/partners/new", new()
        {
            ["Type"] = "Reseller",
            ["Name"] = "Adventure Works Resale",
            ["ContactName"] = "Jo",
            ["ContactEmail"] = "jo@adventure.example",
            ["Country"] = "gb",
            ["DataCenter"] = "EU",
            ["AdminName"] = "Jo Admin",
            ["AdminEmail"] = "jo.admin@adventure.example",
            ["AdminPassword"] = "",
        });
        var accounts = await client.GetPageAsync(created.Headers.Location!.OriginalString);
        var link = accounts.QuerySelector("#set-password-link input")?.GetAttribute("value");
        var again = await client.GetPageAsync(created.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.NotNull(link);
        Assert.Null(again.QuerySelector("#set-password-link"));
        Assert.NotNull(accounts.QuerySelector("#accounts tr[data-account='jo.admin@adventure.example']"));
        var partner = await factory.PartnerAsync("Adventure Works Resale");
        Assert.Equal(CompanyType.Reseller, partner.Type);
        Assert.Equal("GB", partner.Country);

        var anonymous = PortalClient.Anonymous(factory);
        var path = new Uri(link!).PathAndQuery;
        var form = await anonymous.GetPageAsync(path);
        var values = PortalClient.FormValues(form, "form");
        values["Password"] = values["ConfirmPassword"] = "adventure-works-passphrase";
        var set = await anonymous.PostAsync("/account/set-password", values, PortalClient.AntiforgeryToken(form));
        var reused = await anonymous.PostAsync("/account/set-password", values, PortalClient.AntiforgeryToken(form));

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains("invalid or was already used", await reused.TextAsync(), StringComparison.Ordinal);
        var signedIn = await PortalClient.SignedInAsync(factory, "jo.admin@adventure.example", "adventure-works-passphrase");
        Assert.Equal("Adventure Works Resale", (await signedIn.GetPageAsync("/")).QuerySelector("main h1")?.TextContent.Trim());
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "PasswordSet" && e.CompanyId == partner.Id && e.ActorName == "Jo Admin", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Accounts_can_be_added_given_roles_disabled_and_their_two_factor_reset_with_audit_R15()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        var page = await client.GetPageAsync($"/partners/{contoso.Id}?tab=accounts");
        var token = PortalClient.AntiforgeryToken(page);

        var added = await client.PostAsync($"/partners/{contoso.Id}/accounts", new()
        {
            ["Name"] = "Billie Billing",
            ["Email"] = "billing@contoso-msp.example",
            ["Password"] = "contoso-money-passphrase",
            ["Roles"] = "Billing Manager",
        }, token);
        await using var db = factory.CreateDbContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "billing@contoso-msp.example");
        var billie = await PortalClient.SignedInAsync(factory, "billing@contoso-msp.example", "contoso-money-passphrase");
        var roles = await client.PostAsync($"/partners/{contoso.Id}/accounts/{user.Id}/roles",
            [], token);
        var rolesOk = await client.Http.PostAsync($"/partners/{contoso.Id}/accounts/{user.Id}/roles", new FormUrlEncodedContent(
            [new("roles", "Support Manager"), new("roles", "Billing Manager"), new("__RequestVerificationToken", token)]));
        var reset = await client.PostAsync($"/partners/{contoso.Id}/accounts/{user.Id}/reset-two-factor", [], token);
        var disabled = await client.PostAsync($"/partners/{contoso.Id}/accounts/{user.Id}/disable", [], token);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Choose at least one role.", await roles.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, rolesOk.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        await using var after = factory.CreateDbContext();
        var saved = await after.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
        Assert.True(saved.IsDisabled);
        Assert.False(saved.TwoFactorEnabled);
        Assert.NotEqual(user.SecurityStamp, saved.SecurityStamp);
        var roleNames = await (from ur in after.UserRoles join r in after.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync();
        Assert.Equal(["Billing Manager", "Support Manager"], roleNames.Order(StringComparer.Ordinal));
        var actions = await after.AuditEntries.AsNoTracking().Where(a => a.EntityId == user.Id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Contains("AccountAdded", actions);
        Assert.Contains("AccountRolesChanged", actions);
        Assert.Contains("AccountTwoFactorReset", actions);
        Assert.Contains("AccountDisabled", actions);

        // Signed out within the security-stamp interval (5 minutes).
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var home = await billie.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/sign-in", home.Headers.Location?.AbsolutePath);
        _ = CultureInfo.InvariantCulture;
    }
}
