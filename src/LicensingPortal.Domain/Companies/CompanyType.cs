namespace LicensingPortal.Domain.Companies;

public enum CompanyType
{
    /// <summary>The distributor ("Tier-1"): owns partners, plans and direct customers.</summary>
    Provider = 0,

    /// <summary>Managed service provider: manages its customers and builds its own plans.</summary>
    Msp = 1,

    /// <summary>Sells the plans its provider assigns to it; builds none of its own.</summary>
    Reseller = 2,
}

public enum PartnerStatus
{
    Active = 0,
    Suspended = 1,
    Canceled = 2,
}

/// <summary>The tabs of Users &amp; Accounts › Partners › {company} (seed 004), plus the partner's own customers.</summary>
public enum PartnerArea
{
    Licenses,
    ManagementLicenses,
    ServicePlans,
    Accounts,
    Profile,
    Customers,

    /// <summary>API keys and webhook endpoints: created only while active (R11); revoking and disabling stay possible.</summary>
    Integrations,
}

public static class DataCenters
{
    public static readonly IReadOnlyList<string> All = ["US", "EU", "JP", "AU", "SG", "IN"];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}

/// <summary>How company types and partner statuses read on the pages (seed 004's words).</summary>
public static class CompanyTypeText
{
    public static string Display(this PartnerStatus status) => status switch
    {
        PartnerStatus.Active => "Active",
        PartnerStatus.Suspended => "Suspended",
        PartnerStatus.Canceled => "Canceled",
    };

    public static string Display(this CompanyType type) => type switch
    {
        CompanyType.Provider => "Provider",
        CompanyType.Msp => "MSP",
        CompanyType.Reseller => "Reseller",
    };
}
