using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Notifications;

/// <summary>
/// R20: who in a company receives each kind. License notices go to those who can act on them (modify
/// licenses: reduce units, turn renewal off); suite changes to those who approve them; a partner's status
/// to its administrators and billing managers; a running-low
/// license pool to the partner's accounts that assign plans or set the warning; more units in use than provisioned (R24)
/// to those who can raise the license's units and those who see what it costs; a statement's state (R24) to those who
/// read billing (ViewBilling). A customer's own users (R25) get their licenses' expiry and renewal notices and the answers to
/// their requests. Everyone else in the company gets nothing.
/// </summary>
public static class NotificationAudience
{
    public static bool Receives(NotificationKind kind, IEnumerable<string> roles, CompanyType companyType) => kind switch
    {
        // R25: a customer's own users are told of their licenses' expiry and renewal (the job sends them only their own).
        NotificationKind.LicenseExpiringSoon or NotificationKind.LicenseExpired or NotificationKind.AutoRenewalComingUp or NotificationKind.AutoRenewalDone =>
            companyType == CompanyType.Customer
                ? PermissionMatrix.Allows(roles, companyType, Permission.ViewOwnLicenses)
                : PermissionMatrix.Allows(roles, companyType, Permission.ModifyLicenses),
        NotificationKind.ScheduledChangeApplied or NotificationKind.ScheduledChangeRefused =>
            PermissionMatrix.Allows(roles, companyType, Permission.ModifyLicenses),
        NotificationKind.SuiteChangeAwaitingApproval => PermissionMatrix.Allows(roles, companyType, Permission.ApproveSuiteChanges),
        NotificationKind.PartnerSuspended or NotificationKind.PartnerReactivated or NotificationKind.PartnerCanceled =>
            companyType != CompanyType.Provider && roles.Any(r => r is Roles.Administrator or Roles.BillingManager),

        // Those who spend the pool (assign plans to customers) and those who set the warning.
        NotificationKind.LicensePoolRunningLow => companyType != CompanyType.Provider
            && (PermissionMatrix.Allows(roles, companyType, Permission.AssignPlansToCustomers) || PermissionMatrix.Allows(roles, companyType, Permission.ManagePoolWarnings)),
        NotificationKind.WebhookEndpointDisabled => PermissionMatrix.Allows(roles, companyType, Permission.ManageWebhooks),
        NotificationKind.UsageOverProvisioned =>
            PermissionMatrix.Allows(roles, companyType, Permission.ModifyLicenses) || PermissionMatrix.Allows(roles, companyType, Permission.ViewBilling),

        // R24: a statement's news goes to those who may read what it costs.
        NotificationKind.StatementReady or NotificationKind.StatementSubmitted or NotificationKind.StatementApproved or NotificationKind.StatementRejected =>
            PermissionMatrix.Allows(roles, companyType, Permission.ViewBilling),

        // R25: a customer's request to those who decide it; its answer to the customer user who asked.
        NotificationKind.LicenseRequestCreated => PermissionMatrix.Allows(roles, companyType, Permission.ReviewLicenseRequests),
        NotificationKind.LicenseRequestAnswered => PermissionMatrix.Allows(roles, companyType, Permission.ViewOwnLicenses),

        // R26: a support session on the company (or on one of its customers) to those who consent to it.
        NotificationKind.SupportSessionStarted => PermissionMatrix.Allows(roles, companyType, Permission.ConsentToSupportAccess),
    };

    /// <summary>The kinds a user with these roles can receive: what their settings page lists.</summary>
    public static IReadOnlyList<NotificationKind> KindsFor(IEnumerable<string> roles, CompanyType companyType)
    {
        var list = roles.ToList();
        return NotificationKinds.All.Where(k => Receives(k, list, companyType)).ToList();
    }
}
