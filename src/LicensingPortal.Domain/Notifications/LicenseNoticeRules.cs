using LicensingPortal.Domain.Licenses;

namespace LicensingPortal.Domain.Notifications;

/// <summary>
/// R20: nobody is surprised by an expiry or a renewal. A license that will renew by itself is announced
/// <see cref="DefaultRenewalNoticeDays"/> days before (early enough to reduce units or turn renewal off);
/// one that will not is announced at its own expiration notification threshold (R8's "expiring soon"),
/// and again once it has expired. A notice is due from its day on, so a job that missed a day catches up.
/// </summary>
public static class LicenseNoticeRules
{
    public const int DefaultRenewalNoticeDays = 14;

    /// <summary>Expired licenses are announced for this many days after expiry, no later (a fresh installation does not announce old history).</summary>
    public const int ExpiredNoticeDays = 7;

    public static bool WillAutoRenew(LicenseFacts license) =>
        license.AutoRenew && license.AutoRenewMonths is > 0 && license.LicenseType != LicenseType.Trial;

    public static LicenseNotice? Due(DateOnly today, LicenseFacts license, int renewalNoticeDays = DefaultRenewalNoticeDays)
    {
        var daysLeft = license.ExpiresOn.DayNumber - today.DayNumber;
        if (WillAutoRenew(license))
        {
            // The scheduler renews on the expiration day; a renewed license has a new date and a new notice.
            return daysLeft >= 0 && daysLeft <= renewalNoticeDays ? new LicenseNotice(NotificationKind.AutoRenewalComingUp, license.ExpiresOn) : null;
        }

        return LicenseStatusRules.On(today, license.ExpiresOn, license.NotifyDaysBefore) switch
        {
            LicenseStatus.Normal => null,
            LicenseStatus.ExpiringSoon => new LicenseNotice(NotificationKind.LicenseExpiringSoon, license.ExpiresOn),
            LicenseStatus.Expired => -daysLeft <= ExpiredNoticeDays ? new LicenseNotice(NotificationKind.LicenseExpired, license.ExpiresOn) : null,
        };
    }

    /// <summary>The widest window of expiration dates any license can have a notice in today: what the job asks the database for.</summary>
    public static (DateOnly From, DateOnly To) Window(DateOnly today, int renewalNoticeDays = DefaultRenewalNoticeDays) =>
        (today.AddDays(-ExpiredNoticeDays), today.AddDays(Math.Max(renewalNoticeDays, LicenseSettings.MaxNotifyDays)));
}
