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

    /// <summary>R24: see prices, this month's estimate and statements.</summary>
    ViewBilling,

    /// <summary>R24: the provider's price list and partner prices; an MSP's resale prices.</summary>
    ManagePrices,

    /// <summary>R24: a partner adjusts and submits its statement; the provider approves, rejects and completes.</summary>
    ManageStatements,

    /// <summary>R24: report units in use (the usage API and CSV upload).</summary>
    ReportUsage,

    /// <summary>R25, a customer user: its own customer's licenses, pending changes and (where allowed) prices.</summary>
    ViewOwnLicenses,

    /// <summary>R25, a customer administrator: ask the owning partner for a change of a license.</summary>
    RequestLicenseChanges,

    /// <summary>R25, a partner or provider: the Accounts tab of its customers (invite, roles, disable, reset 2FA).</summary>
    ManageCustomerAccounts,

    /// <summary>R25, a partner or provider: approve or decline its customers' change requests.</summary>
    ReviewLicenseRequests,

    /// <summary>R25, a partner or provider: its logo, brand colour and display name for its customers.</summary>
    ManageBranding,

    /// <summary>R26, a company's administrator: its own OpenID Connect identity provider for single sign-on.</summary>
    ManageSingleSignOn,
    /// <summary>R26, a partner or provider: its sign-in policy (two-factor, idle timeout, session lifetime, single sign-on).</summary>
    ManageSignInPolicy,

    /// <summary>R26, a provider's support engineer or administrator: open a partner's or a customer's portal as that company (audited, time-bound).</summary>
    StartSupportSessions,

    /// <summary>R26, a partner's or a customer's administrator: see support sessions of the company, consent to writes, revoke.</summary>
    ConsentToSupportAccess,
}
