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
