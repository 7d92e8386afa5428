namespace LicensingPortal.Domain.Partners;

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
        CompanyType.Customer => "Customer",
    };
}
