namespace LicensingPortal.Domain.Webhooks;

public static class WebhookEventTypes
{
    public static readonly IReadOnlyList<WebhookEvents> All =
        [WebhookEvents.LicenseChanged, WebhookEvents.LicenseExpiring, WebhookEvents.LicenseRenewed, WebhookEvents.PartnerStatusChanged, WebhookEvents.SuiteChangePending,
        WebhookEvents.UsageOverProvisioned, WebhookEvents.StatementReady, WebhookEvents.StatementApproved, WebhookEvents.LicenseRequestCreated];

    public const WebhookEvents Every = WebhookEvents.LicenseChanged | WebhookEvents.LicenseExpiring | WebhookEvents.LicenseRenewed
        | WebhookEvents.PartnerStatusChanged | WebhookEvents.SuiteChangePending | WebhookEvents.UsageOverProvisioned
        | WebhookEvents.StatementReady | WebhookEvents.StatementApproved | WebhookEvents.LicenseRequestCreated;

    /// <summary>The <c>type</c> of a delivery's body.</summary>
    public static string Name(this WebhookEvents type) => type switch
    {
        WebhookEvents.LicenseChanged => "license.changed",
        WebhookEvents.LicenseExpiring => "license.expiring",
        WebhookEvents.LicenseRenewed => "license.renewed",
        WebhookEvents.PartnerStatusChanged => "partner.status_changed",
        WebhookEvents.SuiteChangePending => "suite_change.pending",
        WebhookEvents.UsageOverProvisioned => "usage.over_provisioned",
        WebhookEvents.StatementReady => "statement.ready",
        WebhookEvents.StatementApproved => "statement.approved",
        WebhookEvents.LicenseRequestCreated => "license_request.created",
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
        WebhookEvents.UsageOverProvisioned => "More units in use than provisioned (once per license and day)",
        WebhookEvents.StatementReady => "Statement ready to review (a month closed)",
        WebhookEvents.StatementApproved => "Statement approved",
        WebhookEvents.LicenseRequestCreated => "Change request from a customer",
        WebhookEvents.Ping => "Test event",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "One event type, not a set."),
    };
}
