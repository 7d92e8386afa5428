namespace LicensingPortal.Application.Branding;

/// <summary>
/// R25: a brand as pages and emails draw it: the name, the colour (white text on it) and where its logo is. The logo's
/// address carries the brand's version, so a changed logo is a new address and the old one may be cached for good.
/// </summary>
public sealed record Brand(Guid CompanyId, string DisplayName, string Colour, bool HasLogo, int Version)
{
    /// <summary>The logo's path on the portal (anonymous, see BrandLogoController), or null without a logo.</summary>
    public string? LogoPath => HasLogo ? LogoPathOf(CompanyId, Version) : null;

    public static string LogoPathOf(Guid companyId, int version) => $"/brand/{companyId}/logo?v={version}";
}

/// <summary>The Branding page: the company, and its brand if it has one (<see cref="Exists"/>).</summary>
public sealed record BrandView(
    Guid CompanyId,
    bool Exists,
    string CompanyName,
    bool Editable,
    string? ReadOnlyReason,
    string? DisplayName,
    string? Colour,
    string? HostName,
    string? LogoContentType,
    int? LogoBytes,
    int Version)
{
    public Brand? Brand => Exists ? new Brand(CompanyId, DisplayName!, Colour!, LogoContentType is not null, Version) : null;
}

/// <summary>R25: a brand as an email carries it, the logo at an absolute address of the portal (its configured URL).</summary>
public static class BrandEmails
{
    public static Domain.Notifications.EmailBrand? ForEmail(this Brand? brand, string portalUrl) =>
        brand is null ? null : new(brand.DisplayName, brand.Colour, brand.LogoPath is { } path ? portalUrl.TrimEnd('/') + path : null);
}
