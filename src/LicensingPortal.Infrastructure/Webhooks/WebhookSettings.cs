using Microsoft.Extensions.Configuration;

namespace LicensingPortal.Infrastructure.Webhooks;

/// <summary>
/// <c>Webhooks:*</c> settings. <c>AllowPrivateTargets</c> lets endpoints point at loopback and private networks:
/// true by default only in Development (and set by the tests for their local receiver), never in production.
/// </summary>
public sealed record WebhookSettings(bool AllowPrivateTargets, TimeSpan DisableAfter, TimeSpan Timeout)
{
    public const string HttpClientName = "webhooks";

    public static WebhookSettings Read(IConfiguration configuration, bool isDevelopment)
    {
        var section = configuration.GetSection("Webhooks");
        return new WebhookSettings(
            section.GetValue("AllowPrivateTargets", isDevelopment),
            TimeSpan.FromHours(Math.Clamp(section.GetValue("DisableAfterHours", 72.0), 1, 24 * 30)),
            TimeSpan.FromSeconds(Math.Clamp(section.GetValue("TimeoutSeconds", 10), 1, 60)));
    }
}
