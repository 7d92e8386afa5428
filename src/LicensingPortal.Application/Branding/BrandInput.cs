using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LicensingPortal.Domain.Branding;

namespace LicensingPortal.Application.Branding;

/// <summary>The Branding page's form (R25); the logo comes beside it, as a file.</summary>
public sealed class BrandInput
{
    [Display(Name = "Display name")]
    public string? DisplayName { get; set; }

    [Display(Name = "Brand colour")]
    public string? Colour { get; set; }

    [Display(Name = "Host name (optional)")]
    public string? HostName { get; set; }

    /// <summary>The brand's version the form was loaded with (R19); 0 when the company had no brand.</summary>
    public int Version { get; set; }

    /// <summary>The portal's own header colour, offered for a first brand (white text on it: 14.3:1).</summary>
    public const string DefaultColour = "#1f2a44";

    /// <summary>The stored brand, or for a first one the company's name and the portal's colour to start from.</summary>
    public static BrandInput From(BrandView view) =>
        new() { DisplayName = view.DisplayName ?? view.CompanyName, Colour = view.Colour ?? DefaultColour, HostName = view.HostName, Version = view.Version };
}

/// <summary>Only what the form can leave out; the rules (length, contrast, DNS name) are <see cref="CompanyBrand"/>'s, the same for every caller.</summary>
public sealed class BrandInputValidator : AbstractValidator<BrandInput>
{
    public BrandInputValidator()
    {
        RuleFor(i => i.DisplayName).NotEmpty().WithMessage("Enter the name your customers see.");
        RuleFor(i => i.Colour).NotEmpty().WithMessage("Choose a brand colour.");
    }
}
