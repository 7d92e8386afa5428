namespace LicensingPortal.TestSupport;

/// <summary>A clock the test moves: the scheduler, statuses (R8) and renewals read time only through TimeProvider.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>Starts at <see cref="TestToday.Now"/>: the fixed day, or the calendar sweep's day.</summary>
    public TestClock()
        : this(TestToday.Now)
    {
    }

    public DateOnly Today => DateOnly.FromDateTime(_now.UtcDateTime);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now = _now.Add(by);

    public void AdvanceDays(int days) => _now = _now.AddDays(days);

    public void Set(DateTimeOffset now) => _now = now;
}
