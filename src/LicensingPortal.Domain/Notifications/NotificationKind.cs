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
}

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
    };

    /// <summary>Whether the notice is about a customer license (then it goes to the company owning the customer).</summary>
    public static bool IsAboutLicense(this NotificationKind kind) => kind switch
    {
        NotificationKind.LicenseExpiringSoon or NotificationKind.LicenseExpired or NotificationKind.AutoRenewalComingUp
            or NotificationKind.AutoRenewalDone or NotificationKind.ScheduledChangeApplied or NotificationKind.ScheduledChangeRefused => true,
        NotificationKind.PartnerSuspended or NotificationKind.PartnerReactivated or NotificationKind.PartnerCanceled
            or NotificationKind.SuiteChangeAwaitingApproval or NotificationKind.LicensePoolRunningLow or NotificationKind.WebhookEndpointDisabled => false,
    };
}
