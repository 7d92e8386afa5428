using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Licenses;

/// <summary>
/// The settings of a customer license that R6 lets the partner modify. A value: a modification is
/// "these settings instead of those", applied now or stored as a pending change (R7).
/// </summary>
public sealed record LicenseSettings(
    int Units,
    DateOnly ExpiresOn,
    bool AutoRenew,
    int? AutoRenewMonths,
    int NotifyDaysBefore,
    bool ManagedByRemoteManager,
    bool AddOnEnabled)
{
    public const int MaxUnits = 999_999;
    public const int MaxNotifyDays = 365;
    public const int MaxRenewMonths = 66;

    /// <summary>R6: the checks on the values themselves; the license adds those that need its plan and the date.</summary>
    public void Validate(DateOnly today, bool expirationChanged)
    {
        Guard.Range(Units, 1, MaxUnits, nameof(Units), "R6");
        if (expirationChanged && ExpiresOn <= today)
        {
            throw new DomainRuleViolation("R6", $"The expiration date must be after today ({today:yyyy-MM-dd}).", nameof(ExpiresOn));
        }

        if (expirationChanged)
        {
            Guard.Date(ExpiresOn, nameof(ExpiresOn), "The expiration date", "R6");
        }

        if (AutoRenew)
        {
            if (AutoRenewMonths is null)
            {
                throw new DomainRuleViolation("R6", "Choose how often the license renews.", nameof(AutoRenewMonths));
            }

            Guard.Range(AutoRenewMonths.Value, 1, MaxRenewMonths, nameof(AutoRenewMonths), "R6");
        }

        Guard.Range(NotifyDaysBefore, 1, MaxNotifyDays, nameof(NotifyDaysBefore), "R6");
    }

    /// <summary>"Units: 5 → 8; Auto-renewal: No → Yes (12 months)", for transactions (R9).</summary>
    public static string Describe(LicenseSettings s) =>
        $"Units: {s.Units}; Expires: {s.ExpiresOn:yyyy-MM-dd}; Auto-renewal: {(s.AutoRenew ? $"Yes ({s.AutoRenewMonths} months)" : "No")}; " +
        $"Notify: {s.NotifyDaysBefore} days before; Remote Manager: {(s.ManagedByRemoteManager ? "Yes" : "No")}; Add-on: {(s.AddOnEnabled ? "Enabled" : "Disabled")}";
}
