namespace LicensingPortal.Domain.Licenses;

/// <summary>A license period: 1–66 months for full and NFR licenses, 30 days for a trial.</summary>
public readonly record struct LicensePeriod(int Length, PeriodUnit Unit)
{
    public const int MaxMonths = 66;
    public const int TrialDays = 30;

    public static LicensePeriod Trial => new(TrialDays, PeriodUnit.Days);

    public DateOnly AddTo(DateOnly date) => Unit switch
    {
        PeriodUnit.Months => date.AddMonths(Length),
        PeriodUnit.Days => date.AddDays(Length),
    };

    public override string ToString() => Unit switch
    {
        PeriodUnit.Months => Length == 1 ? "1 month" : $"{Length} months",
        PeriodUnit.Days => Length == 1 ? "1 day" : $"{Length} days",
    };
}
