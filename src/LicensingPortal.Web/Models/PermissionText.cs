using LicensingPortal.Application.Security;

namespace LicensingPortal.Web.Models;

public static class PermissionText
{
    public static string Describe(Permission permission) => permission switch
    {
        Permission.ViewDashboard => "See the home dashboard",
        Permission.ViewCustomers => "See customers",
        Permission.ManageCustomers => "Create and edit customers",
        Permission.ViewLicenses => "See customers' licenses",
        Permission.ModifyLicenses => "Modify customers' service plans",
        Permission.AssignPlansToCustomers => "Assign plans to customers, convert trials",
        Permission.ViewPartners => "See partner companies (provider)",
        Permission.ManagePartners => "Create partners and edit their profiles (provider)",
        Permission.ChangePartnerStatus => "Suspend, reactivate, cancel partners (provider)",
        Permission.ManagePartnerLicenses => "Assign and disable partners' licenses (provider)",
        Permission.ManagePartnerAccounts => "Manage partners' user accounts (provider)",
        Permission.ViewServicePlans => "See service plans",
        Permission.ManageServicePlans => "Create and edit service plans (provider, MSP)",
        Permission.AssignPlansToResellers => "Assign plans to resellers (provider)",
        Permission.ApproveSuiteChanges => "Approve suite composition changes (provider, MSP)",
        Permission.ManageProducts => "Product lifecycle and suite changes (provider)",
        Permission.ViewReports => "See reports and transactions",
        Permission.ExportReports => "Export reports as CSV",
        Permission.ViewAuditLog => "Search the audit log",
        Permission.ManageOwnAccount => "Manage own account and two-factor",
        Permission.ManageNotificationTemplates => "Edit the notification email templates (provider)",
        Permission.ViewEmailDeliveries => "See notification emails that failed or wait to be sent",
        Permission.ManageApiKeys => "Create and revoke the company's API keys",
        Permission.ManagePoolWarnings => "Set when the company is warned that a license pool runs low (partners)",
        Permission.ManageWebhooks => "Register the company's webhook endpoints and see their deliveries",
        Permission.ViewBilling => "See prices, this month's estimate and statements",
        Permission.ManagePrices => "Set the price list and partner prices (provider); resale prices (MSP)",
        Permission.ManageStatements => "Adjust and submit statements (partners); approve and reject them (provider)",
        Permission.ReportUsage => "Report units in use (usage API, CSV upload)",
        Permission.ViewOwnLicenses => "See the customer's own licenses, pending changes and, where the partner allows, prices (customer users)",
        Permission.RequestLicenseChanges => "Ask the partner for a change of a license (customer users)",
        Permission.ManageCustomerAccounts => "Invite and manage a customer's own user accounts",
        Permission.ReviewLicenseRequests => "Approve or decline customers' change requests",
        Permission.ManageBranding => "Set the logo, colour and name customers see",
        Permission.ManageSingleSignOn => "Register the company's identity provider for single sign-on",
        Permission.ManageSignInPolicy => "Set the company's sign-in policy (two-factor, timeouts, single sign-on)",
        Permission.StartSupportSessions => "View a partner's or a customer's portal as that company, read-only, in an audited support session",
        Permission.ConsentToSupportAccess => "See provider support's sessions on the company, allow them changes for a time, revoke or end them",
    };
}
