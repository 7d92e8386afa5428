using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Branding;

/// <summary>
/// R25: the optional host name a company's customers reach the portal at (portal.msp.example), whose sign-in page
/// then shows the company's brand. A DNS name of at least two labels, stored in lower case.
/// </summary>
public static class BrandHostName
{
    public const int MaxLength = 253;

    /// <summary>The host name as stored (trimmed, lower case), null when none was given; refused with R25 when it is not a DNS name.</summary>
    public static string? Checked(string? value, string field = "HostName")
    {
        var text = value?.Trim().TrimEnd('.').ToLowerInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return IsDnsName(text)
            ? text
            : throw new DomainRuleViolation("R25", $"The host name must be a DNS name such as portal.example.com (letters, digits and hyphens in dot-separated parts, at most {MaxLength} characters, no scheme, port or path).", field);
    }

    internal static bool IsDnsName(string text)
    {
        if (text.Length > MaxLength)
        {
            return false;
        }

        var labels = text.Split('.');
        return labels.Length >= 2
            && labels.All(l => l.Length is >= 1 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            && !labels[^1].All(char.IsAsciiDigit);
    }
}
