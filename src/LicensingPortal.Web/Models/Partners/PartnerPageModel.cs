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
