namespace LicensingPortal.Domain.Billing;

public static class ChargingPolicyRules
{
    /// <summary>Chargeable units of one day: <paramref name="used"/> is null when the product reported nothing that day (nothing in use).</summary>
    public static int Chargeable(this ChargingPolicy policy, int provisioned, int? used) => policy switch
    {
        ChargingPolicy.Provisioned => provisioned,
        ChargingPolicy.GreaterOfProvisionedAndUsed => Math.Max(provisioned, used ?? 0),
        ChargingPolicy.Used => used ?? 0,
    };

    /// <summary>Used above provisioned (LMP's "Over-provisioned"), never negative.</summary>
    public static int OverProvisioned(int provisioned, int? used) => Math.Max(0, (used ?? 0) - provisioned);
}
