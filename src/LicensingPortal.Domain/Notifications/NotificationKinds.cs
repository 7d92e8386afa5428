namespace LicensingPortal.Domain.Notifications;

public static class NotificationKinds
{
    public static readonly IReadOnlyList<NotificationKind> All = Enum.GetValues<NotificationKind>();

    public static string Display(this NotificationKind kind) => kind switch
    {
        NotificationKind.LicenseExpiringSoon => "License expiring soon",
        NotificationKind.LicenseExpired => "License expired",
        NotificationKind.AutoRenewalComingUp => "Auto-renewal coming up",
        NotificationKind.AutoRenewalDone => "Auto-renewal done",
        NotificationKind.ScheduledChangeApplied => "Scheduled change applied",
        NotificationKind.PartnerSuspended => "Partner suspended",
        NotificationKind.PartnerReactivated => "Partner reactivated",
        NotificationKind.PartnerCanceled => "Partner canceled",
        NotificationKind.SuiteChangeAwaitingApproval => "Suite composition change awaiting approval",
        NotificationKind.LicensePoolRunningLow => "License pool running low",
        NotificationKind.WebhookEndpointDisabled => "Webhook endpoint disabled",
        NotificationKind.ScheduledChangeRefused => "Scheduled change refused",
        NotificationKind.UsageOverProvisioned => "More units in use than provisioned",
        NotificationKind.StatementReady => "Statement ready to review",
        NotificationKind.StatementSubmitted => "Statement submitted",
        NotificationKind.StatementApproved => "Statement approved",
        NotificationKind.StatementRejected => "Statement rejected",
        NotificationKind.LicenseRequestCreated => "Change request from a customer",
        NotificationKind.LicenseRequestAnswered => "Answer to your change request",
        NotificationKind.SupportSessionStarted => "Provider support viewing your portal",
    };

    /// <summary>Whether the notice is about a customer license (then it goes to the company owning the customer).</summary>
    public static bool IsAboutLicense(this NotificationKind kind) => kind switch
    {
        NotificationKind.LicenseExpiringSoon or NotificationKind.LicenseExpired or NotificationKind.AutoRenewalComingUp
            or NotificationKind.AutoRenewalDone or NotificationKind.ScheduledChangeApplied or NotificationKind.ScheduledChangeRefused
            or NotificationKind.UsageOverProvisioned or NotificationKind.LicenseRequestCreated or NotificationKind.LicenseRequestAnswered => true,
        NotificationKind.PartnerSuspended or NotificationKind.PartnerReactivated or NotificationKind.PartnerCanceled
            or NotificationKind.SuiteChangeAwaitingApproval or NotificationKind.LicensePoolRunningLow or NotificationKind.WebhookEndpointDisabled
            or NotificationKind.StatementReady or NotificationKind.StatementSubmitted or NotificationKind.StatementApproved or NotificationKind.StatementRejected
            or NotificationKind.SupportSessionStarted => false,
    };
}
