namespace LicensingPortal.Domain.Notifications;

/// <summary>
/// R20: a partner hears when a license pool has fewer free units than the percentage it set
/// (<see cref="Partners.Company.PoolWarningPercent"/>), once per pool and size: when the provider assigns more
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
