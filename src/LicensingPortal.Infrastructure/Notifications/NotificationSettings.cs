using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace LicensingPortal.Infrastructure.Notifications;

/// <summary>
/// <c>Notifications:*</c> settings. Emails are queued only when <c>Notifications:Smtp:Host</c> is set; the
/// credentials come from configuration (environment, user secrets), never from the repository.
/// </summary>
public sealed record NotificationSettings(
    int RenewalNoticeDays,
    string PortalUrl,
    string? SmtpHost,
    int SmtpPort,
    SecureSocketOptions SmtpSecurity,
    string? SmtpUserName,
    string? SmtpPassword,
    string From,
    TimeSpan SmtpTimeout,
    int RetentionDays = NotificationSettings.DefaultRetentionDays)
{
    public const int DefaultRetentionDays = 400;

    /// <summary>
    /// A notice is due for at most a year before an expiry and a week after it (R8, R20): a notification kept
    /// shorter could be created again by the same license date. Retention is never shorter than that.
    /// </summary>
    public static readonly int MinRetentionDays = Domain.Licenses.LicenseSettings.MaxNotifyDays + Domain.Notifications.LicenseNoticeRules.ExpiredNoticeDays + 1;

    public bool EmailEnabled => !string.IsNullOrWhiteSpace(SmtpHost);

    public static NotificationSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Notifications");
        var smtp = section.GetSection("Smtp");
        var security = smtp["Security"] switch
        {
            null or "" or "Auto" => SecureSocketOptions.StartTlsWhenAvailable,
            "None" => SecureSocketOptions.None,
            "StartTls" => SecureSocketOptions.StartTls,
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            var other => throw new InvalidOperationException($"Notifications:Smtp:Security '{other}' is not one of Auto, None, StartTls, SslOnConnect."),
        };
        return new NotificationSettings(
            Math.Clamp(section.GetValue("RenewalNoticeDays", Domain.Notifications.LicenseNoticeRules.DefaultRenewalNoticeDays), 1, 365),
            (section["PortalUrl"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/'),
            smtp["Host"],
            smtp.GetValue("Port", 25),
            security,
            smtp["UserName"],
            smtp["Password"],
            smtp["From"] is { Length: > 0 } from ? from : "Licensing Portal <no-reply@licensing-portal.invalid>",
            TimeSpan.FromSeconds(Math.Clamp(smtp.GetValue("TimeoutSeconds", 30), 1, 120)),
            Math.Clamp(section.GetValue("RetentionDays", DefaultRetentionDays), MinRetentionDays, 36_500));
    }
}
