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
}
