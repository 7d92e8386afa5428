namespace LicensingPortal.Domain.Partners;

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
