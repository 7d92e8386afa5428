using System.Net;
using LicensingPortal.Domain.Branding;

namespace LicensingPortal.Domain.Notifications;

/// <summary>
/// R25: the brand an email to a customer's user carries: its partner's (or the provider's) display name, colour and
/// logo, above the message. Mail clients ignore style sheets and block scripts, so the header is a table-free block
/// with inline styles; every value is encoded, the colour is one <see cref="BrandColour"/> accepted (white text on it
/// reaches 4.5:1), and the logo is an absolute https address of the portal's public logo route.
/// </summary>
public sealed record EmailBrand(string DisplayName, string Colour, string? LogoUrl)
{
    /// <summary>The message with the brand's header above its body; the subject is left as it is.</summary>
    public RenderedMessage Apply(RenderedMessage message)
    {
        var colour = BrandColour.Parse(Colour) ?? "#1f2a44";
        var name = WebUtility.HtmlEncode(DisplayName);
        var logo = LogoUrl is null ? string.Empty
            : $"<img src=\"{WebUtility.HtmlEncode(LogoUrl)}\" alt=\"\" height=\"32\" style=\"height:32px;vertical-align:middle;margin-right:8px;border:0\">";
        var html =
            $"<div style=\"background-color:{colour};color:{BrandColour.TextColour};padding:12px 16px;font-family:Arial,Helvetica,sans-serif;font-size:18px;font-weight:bold\" data-brand>{logo}{name}</div>\n"
            + $"<div style=\"padding:16px 0\">\n{message.HtmlBody}\n</div>";
        return message with { HtmlBody = html };
    }
}
