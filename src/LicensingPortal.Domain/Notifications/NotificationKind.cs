namespace LicensingPortal.Domain.Notifications;

/// <summary>R20: what the portal warns about. Stored by number: append new kinds at the end.</summary>
public enum NotificationKind
{
    LicenseExpiringSoon = 0,
    LicenseExpired = 1,
    AutoRenewalComingUp = 2,
    AutoRenewalDone = 3,
    ScheduledChangeApplied = 4,
    PartnerSuspended = 5,
    PartnerReactivated = 6,
    PartnerCanceled = 7,
    SuiteChangeAwaitingApproval = 8,
    LicensePoolRunningLow = 9,
    WebhookEndpointDisabled = 10,

    /// <summary>R23: a scheduled change that no longer fits the rules on its day was refused; the license is as it was.</summary>
    ScheduledChangeRefused = 11,

    /// <summary>R24: a product reported more units in use on a day than the license provides (once per license and day).</summary>
    UsageOverProvisioned = 12,
}
