namespace LicensingPortal.Domain.Webhooks;

/// <summary>What an endpoint subscribes to; stored as one number (a set of flags).</summary>
[Flags]
public enum WebhookEvents
{
    None = 0,

    /// <summary>Any license transaction: purchase, change, renewal, cancellation...</summary>
    LicenseChanged = 1,

    /// <summary>The R20 notices: expiring soon, expired, auto-renewal coming up.</summary>
    LicenseExpiring = 2,

    LicenseRenewed = 4,

    /// <summary>A partner suspended, reactivated or canceled.</summary>
    PartnerStatusChanged = 8,

    SuiteChangePending = 16,

    /// <summary>A test event an administrator sends to check an endpoint; not subscribable (not in <see cref="WebhookEventTypes.All"/>).</summary>
    Ping = 32,

    /// <summary>R24: a product reported more units in use on a day than the license provides (once per license and day).</summary>
    UsageOverProvisioned = 64,

    /// <summary>R24: a month's statement is closed and ready for its partner to review (Preparing).</summary>
    StatementReady = 128,

    /// <summary>R24: the provider approved a statement; it is frozen.</summary>
    StatementApproved = 256,

    /// <summary>R25: a customer asked for a change on one of its licenses; it waits in the owner's queue.</summary>
    LicenseRequestCreated = 512,
}
