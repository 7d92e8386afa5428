namespace LicensingPortal.Domain.LicenseRequests;

/// <summary>R25: what a customer may ask its partner to change on one of its licenses. Stored by number: append new kinds at the end.</summary>
public enum LicenseRequestKind
{
    /// <summary>More or fewer units per license.</summary>
    Units = 0,

    /// <summary>Auto-renewal on or off.</summary>
    AutoRenewal = 1,

    /// <summary>Another plan of the same product the owner offers (another service level, or another plan of the same level where the product allows it).</summary>
    ServicePlan = 2,

    /// <summary>Do not renew: the license ends on its expiration date (applied as auto-renewal off).</summary>
    CancelAtRenewal = 3,
}
