using System.Security.Claims;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Web.Security;

namespace LicensingPortal.Web.Models;

/// <param name="Section">Other controllers whose pages belong under this item (it shows as current on them).</param>
/// <param name="BadgeText">What the badge's number counts, for screen readers ("pending").</param>
public sealed record NavigationItem(string Text, string Controller, string Action, int? Badge = null, IReadOnlyList<string>? Section = null, string BadgeText = "pending")
{
    public bool IsCurrent(string? controller) =>
        string.Equals(Controller, controller, StringComparison.OrdinalIgnoreCase)
        || (Section?.Contains(controller ?? string.Empty, StringComparer.OrdinalIgnoreCase) ?? false);
}

/// <summary>The main navigation by company type (provider, MSP, reseller) and permission.</summary>
public static class NavigationItems
{
    /// <param name="pendingApprovals">R5: suite changes awaiting the company's approval, shown as a badge on Service Plans.</param>
    /// <param name="openRequests">R25: customers' change requests open in the company's queue, shown as a badge on Customers (Customers › Requests).</param>
    public static IEnumerable<NavigationItem> For(ClaimsPrincipal user, int pendingApprovals = 0, int openRequests = 0)
    {
        var type = user.CompanyType();
        if (type is null)
        {
            yield break;
        }

        // R25: a customer's own user has a short menu: its licenses, its change requests and its account.
        if (type == CompanyType.Customer)
        {
            if (user.Can(Permission.ViewOwnLicenses))
            {
                yield return new NavigationItem("My licenses", "MyLicenses", "Index");
            }

            if (user.Can(Permission.ViewOwnLicenses))
            {
                yield return new NavigationItem("My requests", "MyRequests", "Index");
            }

            // A customer's administrator manages its own API keys (R25).
            if (user.Can(Permission.ManageApiKeys))
            {
                yield return new NavigationItem("API Keys", "ApiKeys", "Index");
            }

            // R26: the customer's administrators consent to (or end) provider support's sessions here.
            if (user.Can(Permission.ConsentToSupportAccess) && user.SessionId() is null)
            {
                yield return new NavigationItem("Support access", "SupportAccess", "Index");
            }

            yield return new NavigationItem("Account", "TwoFactor", "Index");
            yield break;
        }

        if (user.Can(Permission.ViewPartners))
        {
            yield return new NavigationItem("Partners", "Partners", "Index");
        }

        if (user.Can(Permission.ViewCustomers))
        {
            yield return new NavigationItem("Customers", "Customers", "Index", openRequests, Section: ["LicenseRequests"], BadgeText: "open change requests");
        }

        if (type == CompanyType.Reseller)
        {
            yield return new NavigationItem("Assigned Plans", "ServicePlans", "Index");
        }
        else if (user.Can(Permission.ViewServicePlans))
        {
            yield return new NavigationItem("Service Plans", "ServicePlans", "Index", pendingApprovals);
        }

        if (user.Can(Permission.ViewReports))
        {
            yield return new NavigationItem("Reports", "Reports", "Transactions");
        }

        // R24: the provider lands on every partner's statements of last month, a partner on its own billing page. Usage
        // reports are an integration (products send them), so Usage sits under Integrations.
        if (user.Can(Permission.ViewBilling))
        {
            yield return new NavigationItem("Billing", "Billing", type == CompanyType.Provider ? "Statements" : "Index", Section: ["Billing", "Statements", "Prices", "StatementExports"]);
        }

        if (user.Can(Permission.ViewAuditLog))
        {
            // R26: a partner's Support access page hangs under the audit log (the bar has no room left at 1280 px).
            yield return new NavigationItem("Audit log", "Audit", "Index", Section: ["SupportAccess"]);
        }

        // R25: a partner's brand for its customers; the provider's is on its Partners page (its bar has no room left at 1280 px).
        if (user.Can(Permission.ManageBranding) && type != CompanyType.Provider)
        {
            yield return new NavigationItem("Branding", "Branding", "Index", Section: ["SingleSignOn"]);
        }

        // API Keys, Webhooks and Usage (R24) are one item (tabs on each page): the bar stays on one line at 1280 px.
        if (user.Can(Permission.ManageApiKeys) || user.Can(Permission.ManageWebhooks) || user.Can(Permission.ReportUsage))
        {
            var first = user.Can(Permission.ManageApiKeys) ? "ApiKeys" : user.Can(Permission.ManageWebhooks) ? "Webhooks" : "Usage";
            yield return new NavigationItem("Integrations", first, "Index", Section: ["ApiKeys", "Webhooks", "Usage"]);
        }
    }
}
