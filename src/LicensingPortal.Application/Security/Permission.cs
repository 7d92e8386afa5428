namespace LicensingPortal.Application.Security;

/// <summary>Every action a user can be allowed; the matrix in <see cref="PermissionMatrix"/> gives them to roles.</summary>
public enum Permission
{
    ViewDashboard,
    ViewCustomers,
    ManageCustomers,
    ViewLicenses,
    ModifyLicenses,
    AssignPlansToCustomers,
    ViewPartners,
    ManagePartners,
    ChangePartnerStatus,
    ManagePartnerLicenses,
    ManagePartnerAccounts,
    ViewServicePlans,
    ManageServicePlans,
    AssignPlansToResellers,
    ApproveSuiteChanges,
    ManageProducts,
    ViewReports,
    ExportReports,
    ViewAuditLog,
    ManageOwnAccount,
    ManageNotificationTemplates,
    ViewEmailDeliveries,
    ManageApiKeys,
    ManagePoolWarnings,
    ManageWebhooks,
}
