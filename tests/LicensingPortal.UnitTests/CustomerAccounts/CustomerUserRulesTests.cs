using LicensingPortal.Application.CustomerAccounts;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Partners;
using LicensingPortal.TestSupport;

namespace LicensingPortal.UnitTests.CustomerAccounts;

/// <summary>R25: a customer's own users hold customer roles only, and write nothing while its owner is not active (R11 extended).</summary>
public sealed class CustomerUserRulesTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;

    private static Customer CustomerOf(out Company partner)
    {
        var provider = Company.CreateProvider("Provider", "US", "US", Now);
        partner = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Contoso", null, "ops@contoso.example", null, null, "US", "US"), Now);
        return Customer.Create(partner, "Evergreen", null, "US", Now);
    }

    [Fact]
    public void R25_customer_users_of_an_active_owner_may_write()
    {
        var customer = CustomerOf(out _);

        customer.EnsureCustomerUsersMayWrite();

        Assert.Equal(string.Empty, customer.CustomerUsersRefusal);
    }

    [Fact]
    public void R25_customer_users_of_a_suspended_owner_are_refused_every_write_with_the_reason()
    {
        var customer = CustomerOf(out var partner);
        partner.Suspend(Now);

        var refusal = Assert.Throws<DomainRuleViolation>(customer.EnsureCustomerUsersMayWrite);

        Assert.Equal("R11", refusal.Code);
        Assert.Equal("Contoso is suspended: you can see your licenses, but nothing can be changed or asked for until it is reactivated.", refusal.Message);
    }

    [Fact]
    public void R25_customer_users_of_a_canceled_owner_are_refused_every_write()
    {
        var customer = CustomerOf(out var partner);
        partner.Cancel(Now);

        Assert.Throws<DomainRuleViolation>(customer.EnsureCustomerUsersMayWrite);
    }

    [Theory]
    [InlineData(Roles.CustomerAdministrator, true)]
    [InlineData(Roles.CustomerViewer, true)]
    [InlineData(Roles.Administrator, false)]
    [InlineData(Roles.SupportEngineer, false)]
    [InlineData(null, false)]
    public void R25_a_customer_user_holds_a_customer_role_only(string? role, bool allowed)
    {
        var refused = Record.Exception(() => CustomerAccountRules.EnsureCustomerRole(role));

        Assert.Equal(allowed, refused is null);
        Assert.True(refused is null or DomainRuleViolation { Code: "R25" });
    }

    [Fact]
    public void R25_the_invite_form_refuses_a_company_role_and_a_bad_email()
    {
        var result = new InviteCustomerAccountInputValidator().Validate(new InviteCustomerAccountInput { Name = "Cleo", Email = "not-an-email", Role = Roles.Administrator });

        Assert.Equal(["Email", "Role"], result.Errors.Select(e => e.PropertyName).Distinct().Order());
    }
}
