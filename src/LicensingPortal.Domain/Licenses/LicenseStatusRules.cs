namespace LicensingPortal.Domain.Licenses;

public static class LicenseStatusRules
{
    /// <summary>
    /// R8: Expired after the expiration date; Expiring soon when it expires within the notification
    /// threshold (the expiration day itself included); Normal otherwise.
    /// </summary>
    public static LicenseStatus On(DateOnly today, DateOnly expiresOn, int notifyDaysBefore)
    {
        if (today > expiresOn)
        {
            return LicenseStatus.Expired;
        }

        return expiresOn.DayNumber - today.DayNumber <= notifyDaysBefore ? LicenseStatus.ExpiringSoon : LicenseStatus.Normal;
    }

    public static string Display(this LicenseStatus status) => status switch
    {
        LicenseStatus.Normal => "Normal",
        LicenseStatus.ExpiringSoon => "Expiring soon",
        LicenseStatus.Expired => "Expired",
    };
}
