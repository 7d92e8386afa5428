namespace LicensingPortal.Application.Security;

/// <summary>The built-in roles the real platforms ship (PRODUCT.md §1).</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string PartnerAccountManager = "Partner Account Manager";
    public const string CustomerAccountManager = "Customer Account Manager";
    public const string LicenseManager = "License Manager";
    public const string BillingManager = "Billing Manager";
    public const string SupportManager = "Support Manager";
    public const string SupportEngineer = "Support Engineer";

    /// <summary>R25: a customer's own administrator (its licenses, change requests).</summary>
    public const string CustomerAdministrator = "Customer Administrator";

    /// <summary>R25: a customer's own read-only user.</summary>
    public const string CustomerViewer = "Customer Viewer";

    public static readonly IReadOnlyList<string> All =
    [
        Administrator,
        PartnerAccountManager,
        CustomerAccountManager,
        LicenseManager,
        BillingManager,
        SupportManager,
        SupportEngineer,
    ];

    /// <summary>R25: the roles a customer's own users may hold; none of <see cref="All"/> is one of them.</summary>
    public static readonly IReadOnlyList<string> Customer = [CustomerAdministrator, CustomerViewer];
}
