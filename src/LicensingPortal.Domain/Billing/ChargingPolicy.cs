namespace LicensingPortal.Domain.Billing;

/// <summary>R24: which units of a license a plan charges for, each day.</summary>
public enum ChargingPolicy
{
    /// <summary>The units the license has, used or not.</summary>
    Provisioned = 0,

    /// <summary>The units it has, or more when the product reports more in use.</summary>
    GreaterOfProvisionedAndUsed = 1,

    /// <summary>Only what the product reports in use.</summary>
    Used = 2,
}
