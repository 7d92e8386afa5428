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

    /// <summary>R24: a month's statement is closed and ready for its partner to review (Preparing), before the provider's deadline.</summary>
    StatementReady = 13,

    /// <summary>R24: a partner submitted its statement (or the deadline did): the provider approves or rejects it.</summary>
    StatementSubmitted = 14,

    /// <summary>R24: the provider approved the partner's statement; it is frozen.</summary>
    StatementApproved = 15,

    /// <summary>R24: the provider rejected the partner's statement, with a reason; it is back with the partner.</summary>
    StatementRejected = 16,

    /// <summary>R25: a customer asked for a change on one of its licenses; it waits in the owner's queue (Customers › Requests).</summary>
    LicenseRequestCreated = 17,

    /// <summary>R25: the customer's request was approved, declined, or could not be approved because a rule refused the change (for the customer user who asked).</summary>
    LicenseRequestAnswered = 18,

    /// <summary>R26: provider support opened the company's portal as the company (a support session), with a reason.</summary>
    SupportSessionStarted = 19,
}
