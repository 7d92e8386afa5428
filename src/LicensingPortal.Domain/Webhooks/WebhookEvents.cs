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
}

public static class WebhookEventTypes
{
    public static readonly IReadOnlyList<WebhookEvents> All =
        [WebhookEvents.LicenseChanged, WebhookEvents.LicenseExpiring, WebhookEvents.LicenseRenewed, WebhookEvents.PartnerStatusChanged, WebhookEvents.SuiteChangePending];

    public const WebhookEvents Every = WebhookEvents.LicenseChanged | WebhookEvents.LicenseExpiring | WebhookEvents.LicenseRenewed
        | WebhookEvents.PartnerStatusChanged | WebhookEvents.SuiteChangePending;

    /// <summary>The <c>type</c> of a delivery's body.</summary>
    public static string Name(this WebhookEvents type) => type switch
    {
        WebhookEvents.LicenseChanged => "license.changed",
        WebhookEvents.LicenseExpiring => "license.expiring",
        WebhookEvents.LicenseRenewed => "license.renewed",
        WebhookEvents.PartnerStatusChanged => "partner.status_changed",
        WebhookEvents.SuiteChangePending => "suite_change.pending",
        WebhookEvents.Ping => "ping",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "One event type, not a set."),
    };

    public static string Display(this WebhookEvents type) => type switch
    {
        WebhookEvents.LicenseChanged => "License changed (any license transaction)",
        WebhookEvents.LicenseExpiring => "License expiring (expiring soon, expired, renewal coming up)",
        WebhookEvents.LicenseRenewed => "License renewed",
        WebhookEvents.PartnerStatusChanged => "Partner status changed (suspended, reactivated, canceled)",
        WebhookEvents.SuiteChangePending => "Suite change pending approval",
        WebhookEvents.Ping => "Test event",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "One event type, not a set."),
    };
}
