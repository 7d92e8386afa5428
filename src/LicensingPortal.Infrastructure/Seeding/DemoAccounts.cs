namespace LicensingPortal.Infrastructure.Seeding;

/// <summary>The demo sign-ins printed on first run and listed in README.md.</summary>
public static class DemoAccounts
{
    /// <summary>One password for every demo account: 12+ characters, not on the common-password list.</summary>
    public const string Password = "Licensing-Demo-2026";

    public const string ProviderAdmin = "admin@northwind.example";
    public const string ProviderSupport = "support@northwind.example";
    public const string MspAdmin = "admin@contoso-msp.example";
    public const string MspStaff = "staff@contoso-msp.example";
    public const string ResellerAdmin = "admin@fabrikam-resell.example";
    public const string SuspendedPartnerAdmin = "admin@litware-msp.example";
    public const string CanceledPartnerAdmin = "admin@tailspin-resell.example";

    /// <summary>R25: Evergreen Clinic's own administrator (a customer of Contoso).</summary>
    public const string MspCustomerAdmin = "it@evergreen-clinic.example";

    /// <summary>R25: Isar Kliniken's own administrator (a customer of Fabrikam).</summary>
    public const string ResellerCustomerAdmin = "it@isar-kliniken.example";

    public static readonly IReadOnlyList<(string Email, string Who)> SignIns =
    [
        (ProviderAdmin, "Provider administrator (Northwind Distribution)"),
        (ProviderSupport, "Provider support engineer, read-only (Northwind Distribution)"),
        (MspAdmin, "MSP administrator (Contoso Managed Services)"),
        (MspStaff, "MSP customer account manager (Contoso Managed Services)"),
        (ResellerAdmin, "Reseller administrator (Fabrikam Resellers)"),
        (SuspendedPartnerAdmin, "Administrator of a suspended MSP (Litware MSP)"),
        (MspCustomerAdmin, "Customer administrator of Evergreen Clinic, a customer of Contoso"),
        (ResellerCustomerAdmin, "Customer administrator of Isar Kliniken, a customer of Fabrikam"),
    ];
}
