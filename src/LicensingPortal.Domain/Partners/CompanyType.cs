namespace LicensingPortal.Domain.Partners;

public enum CompanyType
{
    /// <summary>The distributor ("Tier-1"): owns partners, plans and direct customers.</summary>
    Provider = 0,

    /// <summary>Managed service provider: manages its customers and builds its own plans.</summary>
    Msp = 1,

    /// <summary>Sells the plans its provider assigns to it; builds none of its own.</summary>
    Reseller = 2,

    /// <summary>
    /// R25: never a company's type. The kind of a customer's own user account: its user's company id is the customer's
    /// id, so every query scoped to a partner or provider finds nothing for it (R1 by construction).
    /// </summary>
    Customer = 3,
}
