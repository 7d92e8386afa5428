using System.Net;
using LicensingPortal.Application.Security;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.Partners;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.CustomerAccounts;

/// <summary>R25: the customer's page › Accounts, managed by the customer's owning company only.</summary>
public sealed class CustomerAccountsTabTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_owner_invites_a_customer_administrator_by_a_one_time_link_who_then_signs_in_audited_R25()
    {
        var customer = await factory.NewContosoCustomerAsync();
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var email = $"admin.{customer.Id:N}@customer.example";

        var details = await msp.GetPageAsync($"/customers/{customer.Id}");
        var tab = await msp.GetPageAsync($"/customers/{customer.Id}/accounts");
        var invited = await msp.SubmitAsync(tab, "#invite-account", new() { ["Name"] = "Cleo Customer", ["Email"] = email, ["Role"] = Roles.CustomerAdministrator });
        var after = await msp.GetPageAsync(invited.Headers.Location!.OriginalString);
        var link = after.QuerySelector("#set-password-link input")?.GetAttribute("value");

        Assert.NotNull(details.QuerySelector($"a[href='/customers/{customer.Id}/accounts']"));
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.NotNull(after.QuerySelector($"#accounts tr[data-account='{email}']"));
        Assert.NotNull(link);

        var anonymous = PortalClient.Anonymous(factory);
        var form = await anonymous.GetPageAsync(new Uri(link!).PathAndQuery);
        var values = PortalClient.FormValues(form, "form");
        values["Password"] = values["ConfirmPassword"] = "customer-cleo-passphrase";
        var set = await anonymous.PostAsync("/account/set-password", values, PortalClient.AntiforgeryToken(form));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        await PortalClient.SignedInAsync(factory, email, "customer-cleo-passphrase");

        await using var db = factory.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        Assert.Equal(customer.Id, user.CustomerId);
        Assert.Equal(customer.OwnerId, user.CompanyId);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "CustomerAccountInvited" && e.EntityId == user.Id.ToString() && e.CompanyId == customer.OwnerId));
    }

    [Fact]
    public async Task A_crafted_invite_with_a_company_role_is_refused_and_nothing_is_created_R25()
    {
        var customer = await factory.NewContosoCustomerAsync(licenses: 0);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var token = PortalClient.AntiforgeryToken(await msp.GetPageAsync($"/customers/{customer.Id}/accounts"));

        var response = await msp.PostAsync($"/customers/{customer.Id}/accounts", new() { ["Name"] = "Mallory", ["Email"] = $"mallory.{customer.Id:N}@customer.example", ["Role"] = Roles.Administrator }, token);
        var page = await PortalClient.ParseAsync(await response.TextAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose Customer Administrator or Customer Viewer.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Users.CountAsync(u => u.CustomerId == customer.Id)));
    }

    [Fact]
    public async Task The_provider_does_not_manage_a_partners_customers_accounts_it_gets_404_R25()
    {
        var customer = await factory.NewContosoCustomerAsync(licenses: 0);
        var userEmail = await factory.CustomerUserAsync(customer.Id);
        var userId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == userEmail).Select(u => u.Id).SingleAsync());
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var token = PortalClient.AntiforgeryToken(await provider.GetPageAsync("/customers/new"));

        var details = await provider.GetPageAsync($"/customers/{customer.Id}");
        var tab = await provider.GetAsync($"/customers/{customer.Id}/accounts");
        var invite = await provider.PostAsync($"/customers/{customer.Id}/accounts", new() { ["Name"] = "P", ["Email"] = $"p.{customer.Id:N}@customer.example", ["Role"] = Roles.CustomerViewer }, token);
        var disable = await provider.PostAsync($"/customers/{customer.Id}/accounts/{userId}/disable", [], token);

        Assert.Null(details.QuerySelector($"a[href='/customers/{customer.Id}/accounts']"));
        Assert.Equal(HttpStatusCode.NotFound, tab.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, invite.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, disable.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.IsDisabled).SingleAsync()));
    }

    [Fact]
    public async Task The_provider_manages_its_direct_customers_accounts_R25()
    {
        var customer = await factory.QueryAsync(db => db.Customers.SingleAsync(c => c.Name == "Keystone Credit Union"));
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        var tab = await provider.GetPageAsync($"/customers/{customer.Id}/accounts");
        var invited = await provider.SubmitAsync(tab, "#invite-account", new() { ["Name"] = "Kim Keystone", ["Email"] = "kim@keystone-r25.example", ["Role"] = Roles.CustomerViewer });

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Equal(customer.Id, await factory.QueryAsync(db => db.Users.Where(u => u.Email == "kim@keystone-r25.example").Select(u => u.CustomerId).SingleAsync()));
    }

    [Fact]
    public async Task A_disabled_customer_user_cannot_sign_in_and_two_factor_reset_is_audited_R25()
    {
        var customer = await factory.NewContosoCustomerAsync(licenses: 0);
        var email = await factory.CustomerUserAsync(customer.Id, Roles.CustomerViewer);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var tab = await msp.GetPageAsync($"/customers/{customer.Id}/accounts");

        var reset = await msp.SubmitAsync(tab, $"#accounts tr[data-account='{email}'] form[action$='reset-two-factor']");
        var disabled = await msp.SubmitAsync(tab, $"#accounts tr[data-account='{email}'] form[action$='disable']");
        var signIn = await PortalClient.Anonymous(factory).PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = email, ["Password"] = DemoAccounts.Password });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("cannot sign in", await signIn.TextAsync(), StringComparison.Ordinal);
        await using var db = factory.CreateDbContext();
        var userId = (await db.Users.SingleAsync(u => u.Email == email)).Id.ToString();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "CustomerAccountTwoFactorReset" && e.EntityId == userId));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "CustomerAccountDisabled" && e.EntityId == userId));
    }

    [Fact]
    public async Task A_suspended_owner_cannot_invite_its_customers_users_and_is_told_why_R11_R25()
    {
        var customer = await factory.QueryAsync(db => db.Customers.SingleAsync(c => c.Name == "Kobe Trading"));
        var litware = await PortalClient.SignedInAsync(factory, DemoAccounts.SuspendedPartnerAdmin);

        var tab = await litware.GetPageAsync($"/customers/{customer.Id}/accounts");
        var token = PortalClient.AntiforgeryToken(tab);
        var crafted = await litware.PostAsync($"/customers/{customer.Id}/accounts", new() { ["Name"] = "K", ["Email"] = "k@kobe-r25.example", ["Role"] = Roles.CustomerViewer }, token);

        Assert.Null(tab.QuerySelector("#invite-account"));
        Assert.Contains("is suspended", tab.QuerySelector(".alert-warning")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("is suspended", await crafted.TextAsync(), StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "k@kobe-r25.example")));
    }
}
