using LicensingPortal.Application.Branding;
using LicensingPortal.Domain.Notifications;

namespace LicensingPortal.UnitTests.Branding;

public sealed class BrandedEmailTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["recipient"] = "Dana",
        ["customer"] = "Adventure Works",
        ["plan"] = "Email Security Standard",
        ["date"] = "2026-12-31",
        ["days"] = "14",
        ["link"] = "https://portal.example/my/licenses",
    };

    [Fact]
    public void An_email_to_a_customers_user_carries_the_partners_name_colour_and_logo_above_the_message_R25()
    {
        var brand = new Brand(Guid.Parse("0b7e3c1a-0000-4000-8000-000000000001"), "Contoso & Sons <IT>", "#1a5276", HasLogo: true, Version: 3);
        var plain = NotificationTemplate.Default(NotificationKind.LicenseExpiringSoon, Values);
        var branded = NotificationTemplate.Default(NotificationKind.LicenseExpiringSoon, Values, brand.ForEmail("https://portal.example/"));

        Assert.Equal(plain.Subject, branded.Subject);
        Assert.StartsWith("<div style=\"background-color:#1a5276;color:#ffffff;", branded.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<img src=\"https://portal.example/brand/0b7e3c1a-0000-4000-8000-000000000001/logo?v=3\" alt=\"\"", branded.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Contoso &amp; Sons &lt;IT&gt;</div>", branded.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(plain.HtmlBody, branded.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_brand_or_a_logo_the_email_is_the_portals_own_R25()
    {
        Assert.Null(((Brand?)null).ForEmail("https://portal.example"));
        Assert.Equal(NotificationTemplate.Default(NotificationKind.LicenseExpired, Values), NotificationTemplate.Default(NotificationKind.LicenseExpired, Values, null));

        var noLogo = NotificationTemplate.Default(NotificationKind.LicenseExpired, Values, new Brand(Guid.NewGuid(), "Northwind", "#1f2a44", HasLogo: false, Version: 0).ForEmail("https://portal.example"));
        Assert.DoesNotContain("<img", noLogo.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Northwind</div>", noLogo.HtmlBody, StringComparison.Ordinal);
    }
}
