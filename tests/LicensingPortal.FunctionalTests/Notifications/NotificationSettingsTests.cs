using System.Net;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Notifications;

/// <summary>R20: each user turns each kind on or off (its own app: the choice would change the other tests' recipients).</summary>
[Trait("Category", "Calendar")]
public sealed class NotificationSettingsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_who_turned_a_kind_off_on_the_settings_page_does_not_get_it_R20()
    {
        var staff = await PortalClient.SignedInAsync(factory, DemoAccounts.MspStaff);
        var settings = await staff.GetPageAsync("/notifications/settings");
        Assert.NotNull(settings.QuerySelector("input[name='Enabled[AutoRenewalComingUp]']"));
        Assert.Null(settings.QuerySelector("input[name='Enabled[PartnerSuspended]']"));
        var form = PortalClient.FormValues(settings, "[data-testid=notification-settings]");
        form.Remove("Enabled[LicenseExpiringSoon]");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync("/notifications/settings", form, null)).StatusCode);
        var saved = await staff.GetPageAsync("/notifications/settings");
        Assert.Null(saved.QuerySelector("input[name='Enabled[LicenseExpiringSoon]'][checked]"));
        Assert.NotNull(saved.QuerySelector("input[name='Enabled[LicenseExpired]'][checked]"));

        var (_, licenseId) = await NotificationSteps.ChangeLicenseAsync(factory, "Harbor View Hotel", null, autoRenew: false);
        await factory.Services.GetRequiredService<NotificationJob>().RunOnceAsync(Cancel);

        var notified = await NotificationSteps.NotifiedAsync(factory, licenseId, NotificationKind.LicenseExpiringSoon);
        Assert.Equal(["admin@contoso-msp.example"], notified.Select(n => n.Email));
    }

    [Fact]
    public async Task A_support_engineer_receives_no_license_notices_and_the_settings_page_says_so_R20()
    {
        var support = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderSupport);
        var page = await support.GetPageAsync("/notifications/settings");

        Assert.Null(page.QuerySelector("[data-testid=notification-settings]"));
        Assert.Contains("receive no notifications", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
