using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: the units of one license a product reported in use on one day. Reports are idempotent and keep the day's
/// maximum: a product that reports every hour leaves the highest figure, and sending the same report again changes
/// nothing. A day in the future cannot be reported. Versioned (R19): two reports of the same day saved at once
/// cannot both raise it, so the lower one never overwrites the higher (<c>ReportUsage</c> reads the day again and retries).
/// </summary>
public sealed class LicenseUsage : IVersioned
{
    private LicenseUsage()
    {
    }

    public Guid LicenseId { get; private set; }

    public DateOnly Day { get; private set; }

    public int Used { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>Used above <paramref name="provisioned"/> (R24's over-provisioned).</summary>
    public bool IsOverProvisioned(int provisioned) => ChargingPolicyRules.OverProvisioned(provisioned, Used) > 0;

    public static LicenseUsage First(Guid licenseId, DateOnly day, int used, DateOnly today, DateTimeOffset now)
    {
        Check(day, used, today);
        return new LicenseUsage { LicenseId = licenseId, Day = day, Used = used, ReportedAt = now };
    }

    /// <summary>Another report of the same day: kept when higher. Returns whether the figure changed.</summary>
    public bool Report(int used, DateOnly today, DateTimeOffset now)
    {
        Check(Day, used, today);
        if (used <= Used)
        {
            return false;
        }

        Used = used;
        ReportedAt = now;
        return true;
    }

    private static void Check(DateOnly day, int used, DateOnly today)
    {
        Guard.Range(used, 0, Licenses.LicenseSettings.MaxUnits, nameof(Used), "R18");
        Guard.Date(day, nameof(Day), "The usage day");
        if (day > today)
        {
            throw new DomainRuleViolation("R24", $"Usage is reported for a day that has begun: {day:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).", nameof(Day));
        }
    }
}
