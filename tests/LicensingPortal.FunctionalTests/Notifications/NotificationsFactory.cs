using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace LicensingPortal.FunctionalTests.Notifications;

/// <summary>The app with email on, delivering to a <see cref="LoopbackSmtpServer"/> on loopback (started by the test).</summary>
public sealed class NotificationsFactory : PortalFactory
{
    public LoopbackSmtpServer Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:PortalUrl", "https://portal.example");
        builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Notifications:Smtp:Security", "None");
        builder.UseSetting("Notifications:Smtp:TimeoutSeconds", "5");
    }

    public override async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await base.DisposeAsync();
    }
}
