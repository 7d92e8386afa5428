using System.Security.Claims;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.CustomerAccounts;

/// <summary>R25: a customer's own user belongs to its customer's owner (for R11) and is scoped to its customer (for R1).</summary>
public sealed class CustomerUserIdentityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_customer_users_session_names_its_customer_as_its_company_and_keeps_the_owner_apart_R25()
    {
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.Name == "Evergreen Clinic").Select(c => new { c.Id, c.OwnerId }).SingleAsync());
        var email = await factory.CustomerUserAsync(customer.Id);

        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user!);

        Assert.Equal(customer.OwnerId, user!.CompanyId);
        Assert.Equal(customer.Id.ToString(), principal.FindFirstValue(PortalClaims.CompanyId));
        Assert.Equal(nameof(CompanyType.Customer), principal.FindFirstValue(PortalClaims.CompanyType));
        Assert.Equal("Evergreen Clinic", principal.FindFirstValue(PortalClaims.CompanyName));
        Assert.Equal(customer.OwnerId.ToString(), principal.FindFirstValue(PortalClaims.OwnerCompanyId));
    }

    [Fact]
    public async Task A_customer_user_signs_in_with_the_same_form_as_everyone_R25()
    {
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.Name == "Cedar Law Group").Select(c => c.Id).SingleAsync());

        var client = await PortalClient.SignedInAsCustomerUserAsync(factory, customer);

        Assert.NotNull(client);
    }

    [Fact]
    public async Task A_partners_accounts_tab_does_not_list_its_customers_users_R25()
    {
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.Name == "Granite Builders").Select(c => new { c.Id, c.OwnerId }).SingleAsync());
        var email = await factory.CustomerUserAsync(customer.Id);
        var admin = await PortalClient.SignedInAsync(factory, LicensingPortal.Infrastructure.Seeding.DemoAccounts.ProviderAdmin);

        var page = await admin.GetPageAsync($"/partners/{customer.OwnerId}?tab=accounts");

        Assert.DoesNotContain(email, page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }
}
