using System.Globalization;

namespace LicensingPortal.TestSupport;

/// <summary>
/// The one "today" of every test: a fixed instant, never the machine's clock, so a test passes on any date.
/// The calendar sweep (.ci/run, README › Tests) sets <c>PORTAL_TEST_TODAY</c> to a day chosen to break
/// things (the 31st, 29 February, 31 December) and runs the date-dependent tests again at 09:00 UTC of it,
/// or at the instant given (<c>2026-12-31T23:30:00Z</c>).
/// </summary>
public static class TestToday
{
    public const string Variable = "PORTAL_TEST_TODAY";

    public static readonly DateTimeOffset Fixed = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Now { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    public static DateOnly Date => DateOnly.FromDateTime(Now.UtcDateTime);

    public static DateTimeOffset Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Fixed;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new InvalidOperationException($"{Variable}='{value}' is neither a date (2028-02-29) nor an instant (2026-12-31T23:30:00Z).");
    }
}
