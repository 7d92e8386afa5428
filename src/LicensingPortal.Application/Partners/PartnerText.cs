using LicensingPortal.Domain.Companies;

namespace LicensingPortal.Application.Partners;

/// <summary>How partner statuses and types read on the pages (seed 004's words).</summary>
public static class PartnerText
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
