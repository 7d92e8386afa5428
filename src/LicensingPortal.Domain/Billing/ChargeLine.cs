namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: one stretch of days of a month in which a license's plan, units and price stayed the same. <see cref="Used"/>
/// is the most the product reported in use on any of those days (null: nothing reported). <see cref="PartnerSuspended"/>:
/// the license's partner was suspended on those days, so nothing is chargeable (R11, docs/billing.md).
/// </summary>
public sealed record ChargeLine(
    Guid LicenseId,
    Guid PlanId,
    DateOnly From,
    DateOnly To,
    int Days,
    int DaysInMonth,
    int Provisioned,
    int? Used,
    int Chargeable,
    decimal MonthlyUnitPrice,
    decimal Amount,
    bool PartnerSuspended = false)
{
    public int OverProvisioned => ChargingPolicyRules.OverProvisioned(Provisioned, Used);
}
