using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Security;

/// <summary>
/// The one permission matrix (role × action), shown on Help › Roles. Company type narrows it
/// further (<see cref="AppliesTo"/>): a reseller's administrator still builds no plans.
/// </summary>
public static class PermissionMatrix
{
    private static readonly Permission[] ReadOnly =
    [
        Permission.ViewDashboard,
        Permission.ViewCustomers,
        Permission.ViewLicenses,
        Permission.ViewPartners,
        Permission.ViewServicePlans,
        Permission.ViewReports,
        Permission.ManageOwnAccount,
    ];

    private static readonly Dictionary<string, HashSet<Permission>> Grants = new(StringComparer.Ordinal)
    {
        [Roles.Administrator] = [.. Enum.GetValues<Permission>()],
        [Roles.PartnerAccountManager] =
        [
            .. ReadOnly,
            Permission.ManagePartners,
            Permission.ChangePartnerStatus,
            Permission.ManagePartnerLicenses,
            Permission.ManagePartnerAccounts,
            Permission.AssignPlansToResellers,
            Permission.ExportReports,
            Permission.ViewBilling,
        ],
        [Roles.CustomerAccountManager] =
        [
            .. ReadOnly,
            Permission.ManageCustomers,
            Permission.ModifyLicenses,
            Permission.AssignPlansToCustomers,
            Permission.ExportReports,
            Permission.ManageCustomerAccounts,
            Permission.ReviewLicenseRequests,
        ],
        [Roles.LicenseManager] =
        [
            .. ReadOnly,
            Permission.ModifyLicenses,
            Permission.AssignPlansToCustomers,
            Permission.ManageServicePlans,
            Permission.AssignPlansToResellers,
            Permission.ApproveSuiteChanges,
            Permission.ManagePartnerLicenses,
            Permission.ManagePoolWarnings,
            Permission.ExportReports,
            Permission.ReportUsage,
            Permission.ReviewLicenseRequests,
        ],
        [Roles.BillingManager] =
        [
            .. ReadOnly,
            Permission.ExportReports,
            Permission.ViewBilling,
            Permission.ManagePrices,
            Permission.ManageStatements,
            Permission.ReportUsage,
        ],
        [Roles.SupportManager] =
        [
            .. ReadOnly,
            Permission.ManageCustomers,
            Permission.ViewAuditLog,
            Permission.ViewEmailDeliveries,
            Permission.ManageCustomerAccounts,
            Permission.StartSupportSessions,
        ],
        [Roles.SupportEngineer] = [.. ReadOnly, Permission.StartSupportSessions],
        [Roles.CustomerAdministrator] = [Permission.ViewOwnLicenses, Permission.RequestLicenseChanges, Permission.ManageOwnAccount, Permission.ManageApiKeys, Permission.ConsentToSupportAccess],
        [Roles.CustomerViewer] = [Permission.ViewOwnLicenses, Permission.ManageOwnAccount],
    };

    /// <summary>R25: the only actions a customer's own user may ever have, whatever its roles say (its API keys: its customer's own).</summary>
    private static readonly HashSet<Permission> CustomerUserActions =
    [
        Permission.ViewOwnLicenses,
        Permission.RequestLicenseChanges,
        Permission.ManageOwnAccount,
        Permission.ManageApiKeys,
        Permission.ConsentToSupportAccess,
    ];

    public static IReadOnlySet<Permission> For(string role) =>
        Grants.TryGetValue(role, out var permissions) ? permissions : new HashSet<Permission>();

    public static bool Allows(IEnumerable<string> roles, Permission permission) =>
        roles.Any(r => For(r).Contains(permission));

    /// <summary>Actions that exist only for some company types, whatever the role.</summary>
    public static bool AppliesTo(Permission permission, CompanyType companyType) =>
        companyType == CompanyType.Customer
            ? CustomerUserActions.Contains(permission)
            : AppliesToCompany(permission, companyType);

    /// <summary>R25: actions only a customer's own user has (a company's administrator does not read "own licenses").</summary>
    public static bool OnlyForCustomerUsers(Permission permission) =>
        permission is Permission.ViewOwnLicenses or Permission.RequestLicenseChanges;

    /// <summary>What a role may do, as Help › Roles shows it: a company role never shows a customer user's action.</summary>
    public static bool Shows(string role, Permission permission) =>
        For(role).Contains(permission)
        && (Roles.Customer.Contains(role) ? CustomerUserActions.Contains(permission) : !OnlyForCustomerUsers(permission));

    private static bool AppliesToCompany(Permission permission, CompanyType companyType) => permission switch
    {
        _ when OnlyForCustomerUsers(permission) => false,
        Permission.ViewPartners or Permission.ManagePartners or Permission.ChangePartnerStatus
            or Permission.ManagePartnerLicenses or Permission.ManagePartnerAccounts
            or Permission.AssignPlansToResellers or Permission.ManageProducts
            or Permission.ManageNotificationTemplates or Permission.StartSupportSessions => companyType == CompanyType.Provider,

        // R26: support views partners and customers; a provider is never the company viewed.
        Permission.ConsentToSupportAccess => companyType != CompanyType.Provider,
        Permission.ManageServicePlans or Permission.ApproveSuiteChanges => companyType != CompanyType.Reseller,
        Permission.ManagePoolWarnings => companyType != CompanyType.Provider,

        // A reseller sells at its provider's prices; an MSP keeps resale prices for its customers.
        Permission.ManagePrices => companyType != CompanyType.Reseller,
        _ => true,
    };

    public static bool Allows(IEnumerable<string> roles, CompanyType companyType, Permission permission) =>
        AppliesTo(permission, companyType) && Allows(roles, permission);
}
