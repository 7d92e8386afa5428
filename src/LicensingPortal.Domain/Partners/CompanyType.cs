namespace LicensingPortal.Domain.Partners;

public enum CompanyType
{
    /// <summary>The distributor ("Tier-1"): owns partners, plans and direct customers.</summary>
    Provider = 0,

    /// <summary>Managed service provider: manages its customers and builds its own plans.</summary>
    Msp = 1,

    /// <summary>Sells the plans its provider assigns to it; builds none of its own.</summary>
    Reseller = 2,
}
