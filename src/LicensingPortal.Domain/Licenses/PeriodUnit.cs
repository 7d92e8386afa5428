namespace LicensingPortal.Domain.Licenses;

public enum PeriodUnit
{
    Months = 0,
    Days = 1,
}
