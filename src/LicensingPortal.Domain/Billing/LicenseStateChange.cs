namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: what one license transaction (R9) says about its license: from <see cref="At"/> on, this plan and these units,
/// up to and including <see cref="ExpiresOn"/>. The part of a <see cref="Auditing.LicenseTransaction"/> that
/// <see cref="LicenseHistory"/> reads (a month close reads a million of them, not their texts).
/// </summary>
public readonly record struct LicenseStateChange(Guid TransactionId, DateTimeOffset At, Guid PlanId, int Units, DateOnly ExpiresOn);
