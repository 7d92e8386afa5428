using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licensing;

namespace LicensingPortal.Domain.Notifications;

/// <summary>What a license looks like to the notice rules: no EF, so a unit test can state every case.</summary>
public sealed record LicenseFacts(DateOnly ExpiresOn, int NotifyDaysBefore, bool AutoRenew, int? AutoRenewMonths, LicenseType LicenseType);

/// <summary>One notice due for a license: its kind and the key that makes it happen once.</summary>
public sealed record LicenseNotice(NotificationKind Kind, DateOnly ExpiresOn)
{
    /// <summary>
    /// Unique per license and expiration date: a re-run, a second node or a restart finds the same key and
    /// adds nothing; a license that renews (a new expiration date) is warned again for its next term.
    /// </summary>
    public string KeyFor(Guid licenseId) => $"{Kind}:{licenseId:N}:{ExpiresOn:yyyy-MM-dd}";
}

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

/// <summary>
/// R20: a partner hears when a license pool has fewer free units than the percentage it set
/// (<see cref="Companies.Company.PoolWarningPercent"/>), once per pool and size: when the provider assigns more
/// units and the pool runs low again, it hears again. Units the partner added itself through refill do not
/// count as a new size (with refill on, a depleted pool grows with every new license; one warning is enough).
/// </summary>
public static class PoolNoticeRules
{
    public static bool IsRunningLow(int unitsTotal, int unitsUsed, int percent) =>
        unitsTotal > 0 && (long)(unitsTotal - unitsUsed) * 100 < (long)unitsTotal * percent;

    public static string KeyFor(Guid poolId, int unitsTotal, int unitsRefilled) =>
        $"{NotificationKind.LicensePoolRunningLow}:{poolId:N}:{unitsTotal - unitsRefilled}";
}
