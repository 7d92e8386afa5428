using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Customers;

public enum ScheduledChangeState
{
    Pending = 0,
    Applied = 1,
    Canceled = 2,

    /// <summary>Due, but a rule refused it on the day (e.g. the plan reached End of Life meanwhile).</summary>
    Refused = 3,
}

/// <summary>
/// R7: a modification to apply on a future date. Applied once by the scheduler: the state moves
/// from Pending exactly once, and that transition is what several web servers compete for.
/// </summary>
public sealed class ScheduledLicenseChange : IVersioned
{
    private ScheduledLicenseChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid LicenseId { get; private set; }

    public DateOnly ApplyOn { get; private set; }

    public LicenseSettings Settings { get; private set; } = null!;

    /// <summary>The plan to move to (Change Service Plan or the plan drop-down), if any.</summary>
    public Guid? NewServicePlanId { get; private set; }

    public ScheduledChangeState State { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? Outcome { get; private set; }

    public int Version { get; private set; }

    public bool IsPending => State == ScheduledChangeState.Pending;

    internal static ScheduledLicenseChange Create(Guid licenseId, LicenseSettings settings, Guid? newPlanId, DateOnly applyOn, string createdBy, DateTimeOffset now) =>
        new()
        {
            Id = Ids.New(),
            LicenseId = licenseId,
            Settings = settings,
            NewServicePlanId = newPlanId,
            ApplyOn = applyOn,
            State = ScheduledChangeState.Pending,
            CreatedAt = now,
            CreatedBy = createdBy,
        };

    internal void Resolve(ScheduledChangeState state, DateTimeOffset now, string? outcome)
    {
        if (State != ScheduledChangeState.Pending)
        {
            throw new DomainRuleViolation("R7", "This scheduled change was already applied or canceled.");
        }

        State = state;
        ResolvedAt = now;
        Outcome = outcome;
    }
}
