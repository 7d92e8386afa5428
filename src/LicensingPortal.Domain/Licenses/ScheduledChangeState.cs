namespace LicensingPortal.Domain.Licenses;

public enum ScheduledChangeState
{
    Pending = 0,
    Applied = 1,
    Canceled = 2,

    /// <summary>Due, but a rule refused it on the day (e.g. the plan reached End of Life meanwhile).</summary>
    Refused = 3,
}
