using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.UnitTests.Security;

/// <summary>R25: a customer's own user may read its licenses and ask for changes, and nothing a partner may do.</summary>
public sealed class CustomerUserPermissionTests
{
    [Theory]
    [InlineData(Roles.CustomerAdministrator, Permission.ViewOwnLicenses, true)]
    [InlineData(Roles.CustomerAdministrator, Permission.RequestLicenseChanges, true)]
    [InlineData(Roles.CustomerAdministrator, Permission.ManageOwnAccount, true)]
    [InlineData(Roles.CustomerViewer, Permission.ViewOwnLicenses, true)]
    [InlineData(Roles.CustomerViewer, Permission.RequestLicenseChanges, false)]
    [InlineData(Roles.CustomerAdministrator, Permission.ManageApiKeys, true)]
    [InlineData(Roles.CustomerViewer, Permission.ManageApiKeys, false)]
    public void R25_customer_roles_grant_the_customer_actions(string role, Permission permission, bool allowed) =>
        Assert.Equal(allowed, PermissionMatrix.Allows([role], CompanyType.Customer, permission));

    [Fact]
    public void R25_a_customer_user_gets_no_partner_action_even_with_a_partner_role()
    {
        var partnerActions = Enum.GetValues<Permission>()
            .Where(p => p is not (Permission.ViewOwnLicenses or Permission.RequestLicenseChanges or Permission.ManageOwnAccount or Permission.ManageApiKeys
                // R26: the customer's administrator consents to provider support's sessions on the customer.
                or Permission.ConsentToSupportAccess));

        var granted = partnerActions.Where(p => PermissionMatrix.Allows([Roles.Administrator, Roles.CustomerAdministrator], CompanyType.Customer, p));

        Assert.Empty(granted);
    }

    [Theory]
    [InlineData(CompanyType.Provider)]
    [InlineData(CompanyType.Msp)]
    [InlineData(CompanyType.Reseller)]
    public void R25_partner_and_provider_users_do_not_get_the_customer_actions(CompanyType type)
    {
        Assert.False(PermissionMatrix.Allows([Roles.Administrator], type, Permission.ViewOwnLicenses));
        Assert.False(PermissionMatrix.Allows([Roles.Administrator], type, Permission.RequestLicenseChanges));
        Assert.True(PermissionMatrix.Allows([Roles.Administrator], type, Permission.ReviewLicenseRequests));
        Assert.True(PermissionMatrix.Allows([Roles.CustomerAccountManager], type, Permission.ManageCustomerAccounts));
    }

    [Fact]
    public void R25_customer_roles_are_not_among_the_roles_a_company_account_may_be_given() =>
        Assert.Empty(Roles.Customer.Intersect(Roles.All));
}
