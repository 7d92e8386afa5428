using System.Globalization;
using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Branding;

/// <summary>
/// R25: a brand colour, #rrggbb, on which the portal draws white text (the header, its links and the primary buttons;
/// docs/adr/0020-brand-colour-contrast-and-svg-logos.md). It is refused unless white text on it reaches WCAG 2.x AA for
/// normal text (4.5:1), with a sentence that gives the ratio.
/// </summary>
public static class BrandColour
{
    /// <summary>WCAG 2.x success criterion 1.4.3 (AA), normal text.</summary>
    public const double MinimumContrast = 4.5;

    /// <summary>The text drawn on the brand colour: always white (ADR 0020).</summary>
    public const string TextColour = "#ffffff";

    /// <summary>The colour as stored (#rrggbb, lower case); refused with R25 when it is not a colour or white text on it is hard to read.</summary>
    public static string Checked(string? value, string field = "Colour")
    {
        var colour = Parse(value) ?? throw new DomainRuleViolation("R25", $"The brand colour must be a colour like #1a5276 (# and six hexadecimal digits); \"{value?.Trim()}\" is not.", field);
        var contrast = ContrastWithWhite(colour);
        return contrast < MinimumContrast
            ? throw new DomainRuleViolation("R25", $"{colour} has a contrast of {Ratio(contrast)}:1 with white text; at least 4.5:1 is needed. Choose a darker colour.", field)
            : colour;
    }

    /// <summary>#rrggbb in lower case, or null when <paramref name="value"/> is not one.</summary>
    public static string? Parse(string? value)
    {
        var text = value?.Trim();
        return text is { Length: 7 } && text[0] == '#' && text.Skip(1).All(char.IsAsciiHexDigit) ? text.ToLowerInvariant() : null;
    }

    /// <summary>WCAG 2.x relative luminance of an sRGB colour #rrggbb (0 for black, 1 for white).</summary>
    public static double RelativeLuminance(string colour)
    {
        double Channel(int offset)
        {
            var c = int.Parse(colour.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
    }

    /// <summary>WCAG 2.x contrast ratio of two colours: (lighter + 0.05) / (darker + 0.05), from 1 to 21.</summary>
    public static double Contrast(string first, string second)
    {
        var (a, b) = (RelativeLuminance(first), RelativeLuminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    public static double ContrastWithWhite(string colour) => Contrast(colour, TextColour);

    /// <summary>
    /// The ratio as a person reads it, to two decimals; a failing ratio never reads as the minimum it failed to reach
    /// (4.497 reads 4.49, not 4.5).
    /// </summary>
    public static string Ratio(double contrast)
    {
        var shown = Math.Round(contrast, 2);
        if (contrast < MinimumContrast && shown >= MinimumContrast)
        {
            shown = MinimumContrast - 0.01;
        }

        return shown.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
