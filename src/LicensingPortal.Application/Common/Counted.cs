using System.Globalization;

namespace LicensingPortal.Application.Common;

/// <summary>"1 plan", "3 plans", "1,200 customers": counts in messages read as English, not "plan(s)".</summary>
public static class Counted
{
    public static string Of(int count, string singular, string? plural = null) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";
}
