using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Partners;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Web.Models.Partners;

/// <summary>Users &amp; Accounts › Partners › {company}: the page data, the open tab and the forms as typed (R18).</summary>
public sealed class PartnerPageModel
{
    public required PartnerPageView Partner { get; init; }

    public required PartnerArea Tab { get; init; }

    public AssignLicensesInput AssignLicenses { get; set; } = new();

    public PartnerProfileInput Profile { get; set; } = new();

    public AddAccountInput AddAccount { get; set; } = new();

    public CancelPartnerInput Cancel { get; set; } = new();

    /// <summary>The Billing tab's content (R24) when it is the open tab: a tab of the provider's users who may see billing, not one of seed 004's areas.</summary>
    public BillingOverview? Billing { get; set; }

    public const string BillingSlug = "billing";

    public static string Slug(PartnerArea tab) => tab switch
    {
        PartnerArea.Licenses => "licenses",
        PartnerArea.ManagementLicenses => "management",
        PartnerArea.ServicePlans => "service-plans",
        PartnerArea.Accounts => "accounts",
        PartnerArea.Profile => "profile",
        PartnerArea.Customers => "customers",
        PartnerArea.Integrations => "integrations",
    };

    public static string Title(PartnerArea tab) => tab switch
    {
        PartnerArea.Licenses => "Licenses",
        PartnerArea.ManagementLicenses => "Management Licenses",
        PartnerArea.ServicePlans => "Service Plans",
        PartnerArea.Accounts => "Accounts",
        PartnerArea.Profile => "Profile",
        PartnerArea.Customers => "Customers",
        PartnerArea.Integrations => "Integrations",
    };

    public static readonly PartnerArea[] TabOrder =
        [PartnerArea.Licenses, PartnerArea.ManagementLicenses, PartnerArea.ServicePlans, PartnerArea.Accounts, PartnerArea.Profile];

    public static PartnerArea? ParseTab(string? slug) => TabOrder.Cast<PartnerArea?>().FirstOrDefault(t => Slug(t!.Value) == slug);

    public bool Editable(PartnerArea area) => Partner.Editable[area];
}
