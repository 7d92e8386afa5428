namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: a customer license as it was from <see cref="From"/> on (until the next state): its plan, its units, whether it
/// was chargeable (not while expired, nor for trial and NFR licenses, nor from its partner's cancellation on), and
/// whether its partner was suspended (<see cref="PartnerSuspended"/>: the days are listed, charged at 0). The states
/// of a license come from its transaction history (R9) and its partner's status history, so the same histories always
/// give the same states.
/// </summary>
public sealed record LicenseState(DateOnly From, Guid PlanId, int Units, bool Chargeable, bool PartnerSuspended = false);
