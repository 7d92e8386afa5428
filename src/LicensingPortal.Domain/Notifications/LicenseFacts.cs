using LicensingPortal.Domain.Licenses;

namespace LicensingPortal.Domain.Notifications;

/// <summary>What a license looks like to the notice rules: no EF, so a unit test can state every case.</summary>
public sealed record LicenseFacts(DateOnly ExpiresOn, int NotifyDaysBefore, bool AutoRenew, int? AutoRenewMonths, LicenseType LicenseType);
