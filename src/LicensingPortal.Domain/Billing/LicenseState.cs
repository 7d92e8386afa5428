namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: a customer license as it was from <see cref="From"/> on (until the next state): its plan, its units, and
/// whether it was chargeable (not while expired, or while its partner was suspended or after it was canceled).
/// The states of a license come from its transaction history (R9), so the same history always gives the same states.
/// </summary>
public sealed record LicenseState(DateOnly From, Guid PlanId, int Units, bool Chargeable);
