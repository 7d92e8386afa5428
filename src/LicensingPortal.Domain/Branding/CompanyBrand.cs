using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Branding;

/// <summary>
/// R25: how a company (a partner, or the provider) appears to its customers' users: a display name, a brand colour on
/// which white text stays readable, an optional logo and an optional host name. Its customers' pages and emails
/// carry it; a partner's customers see the provider's when the partner has none.
/// </summary>
public sealed class CompanyBrand : IVersioned
{
    public const int DisplayNameMaxLength = 100;

    private CompanyBrand()
    {
    }

    /// <summary>The company whose brand this is (one brand per company).</summary>
    public Guid CompanyId { get; private set; }

    public string DisplayName { get; private set; } = string.Empty;

    /// <summary>#rrggbb, lower case; white text on it reaches 4.5:1 (<see cref="BrandColour"/>).</summary>
    public string Colour { get; private set; } = string.Empty;

    /// <summary>The host name whose sign-in page shows this brand (lower case, unique across companies), or null.</summary>
    public string? HostName { get; private set; }

    public byte[]? Logo { get; private set; }

    /// <summary><see cref="BrandLogo.Png"/> or <see cref="BrandLogo.Svg"/>; null without a logo.</summary>
    public string? LogoContentType { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public bool HasLogo => Logo is not null;

    /// <summary>The company's first brand. The company's status (R11) is the caller's to check, as for its profile.</summary>
    public static CompanyBrand Create(Guid companyId, string? displayName, string? colour, string? hostName, DateTimeOffset now)
    {
        var brand = new CompanyBrand { CompanyId = companyId };
        brand.Update(displayName, colour, hostName, now);
        return brand;
    }

    public void Update(string? displayName, string? colour, string? hostName, DateTimeOffset now)
    {
        // Every value checked before any is kept: a refused update leaves the brand as it was.
        var checkedName = Guard.Text(displayName, nameof(DisplayName), DisplayNameMaxLength, "R25");
        var checkedColour = BrandColour.Checked(colour, nameof(Colour));
        HostName = BrandHostName.Checked(hostName, nameof(HostName));
        (DisplayName, Colour, UpdatedAt) = (checkedName, checkedColour, now);
    }

    public void ReplaceLogo(BrandLogo logo, DateTimeOffset now)
    {
        Logo = logo.Content;
        LogoContentType = logo.ContentType;
        UpdatedAt = now;
    }

    public void RemoveLogo(DateTimeOffset now)
    {
        if (!HasLogo)
        {
            throw new DomainRuleViolation("R25", "There is no logo to remove.", nameof(Logo));
        }

        Logo = null;
        LogoContentType = null;
        UpdatedAt = now;
    }

    /// <summary>What the audit log keeps of the brand: everything but the logo's bytes.</summary>
    public string Describe() =>
        $"{DisplayName}, {Colour}, host {HostName ?? "none"}, logo {(HasLogo ? LogoContentType + $" ({Logo!.Length:N0} bytes)" : "none")}";
}
