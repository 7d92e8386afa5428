using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Licenses;

/// <summary>
/// R7: a modification to apply on a future date. Applied once by the scheduler: the state moves
/// from Pending exactly once, and that transition is what several web servers compete for.
/// R23: it carries only the settings it changes (and the plan, if it moves the license to another).
/// </summary>
public sealed class ScheduledLicenseChange : IVersioned
{
    private ScheduledLicenseChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid LicenseId { get; private set; }

    public DateOnly ApplyOn { get; private set; }

    /// <summary>The name <see cref="Fields"/> gives a change of plan.</summary>
    public const string PlanField = "NewServicePlanId";

    public LicenseSettingsChange Changes { get; private set; } = LicenseSettingsChange.None;

    /// <summary>The plan to move to (Change Service Plan or the plan drop-down), if any.</summary>
    public Guid? NewServicePlanId { get; private set; }

    public ScheduledChangeState State { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? Outcome { get; private set; }

    public int Version { get; private set; }

    public bool IsPending => State == ScheduledChangeState.Pending;

    /// <summary>The settings this change sets, and <see cref="PlanField"/> when it changes the plan.</summary>
    public IReadOnlyList<string> Fields => NewServicePlanId is null ? Changes.Fields : [.. Changes.Fields, PlanField];

    internal static ScheduledLicenseChange Create(Guid licenseId, LicenseSettingsChange changes, Guid? newPlanId, DateOnly applyOn, string createdBy, DateTimeOffset now) =>
        new()
        {
            Id = Ids.New(),
            LicenseId = licenseId,
            Changes = changes,
            NewServicePlanId = newPlanId,
            ApplyOn = applyOn,
            State = ScheduledChangeState.Pending,
            CreatedAt = now,
            CreatedBy = createdBy,
        };

    /// <summary>R23: the settings saved immediately with "drop the pending value" leave this change; nothing left cancels it.</summary>
    internal void Drop(IReadOnlyCollection<string> fields, DateTimeOffset now, string by)
    {
        Changes = Changes.Without(fields);
        if (fields.Contains(PlanField))
        {
            NewServicePlanId = null;
        }

        if (Fields.Count == 0)
        {
            Resolve(ScheduledChangeState.Canceled, now, $"Every setting it changed was saved immediately by {by}.");
        }
    }

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
