using LicensingPortal.Application.Licenses;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Products;

namespace LicensingPortal.Web.Api.V1;

public sealed record RuleRefusal(string RuleCode, string Message);

public sealed record LicenseSettingsResource(
    int Units,
    DateOnly ExpiresOn,
    bool AutoRenew,
    int? AutoRenewMonths,
    int NotifyDaysBefore,
    bool ManagedByRemoteManager,
    bool AddOnEnabled);

/// <summary>R23: the settings a pending change sets; a setting it leaves as it is, is null.</summary>
public sealed record PendingSettingsResource(
    int? Units,
    DateOnly? ExpiresOn,
    bool? AutoRenew,
    int? AutoRenewMonths,
    int? NotifyDaysBefore,
    bool? ManagedByRemoteManager,
    bool? AddOnEnabled);

public sealed record PendingChangeResource(DateOnly ApplyOn, Guid? NewServicePlanId, string? NewServicePlanName, PendingSettingsResource Settings, string CreatedBy);

/// <summary>
/// A customer license as the modify page shows it (R2): its settings, why it cannot be modified (R3, R4,
/// R5, R11), the plans it may change to (R6), the pending change (R7), and its version (the ETag, R19).
/// </summary>
public sealed record LicenseResource(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    Guid ServicePlanId,
    string PlanName,
    string Product,
    string ServiceLevel,
    LicenseType LicenseType,
    LicenseStatus Status,
    Lifecycle Lifecycle,
    LicenseSettingsResource Settings,
    RuleRefusal? ModificationRefusal,
    IReadOnlyList<PlanOption> ServiceLevelPlans,
    IReadOnlyList<PlanOption> SwitchPlans,
    IReadOnlyList<PlanOption> ConversionPlans,
    PendingChangeResource? PendingChange,
    int Version)
{
    public static LicenseResource From(LicenseFormView view)
    {
        var current = view.Current;
        var pending = view.PendingChange;
        return new LicenseResource(
            view.LicenseId,
            view.CustomerId,
            view.CustomerName,
            view.PlanId,
            view.PlanName,
            view.ProductName,
            view.ServiceLevel,
            view.LicenseType,
            view.Status,
            view.Lifecycle,
            new LicenseSettingsResource(current.Units!.Value, current.ExpiresOn!.Value, current.AutoRenew, current.AutoRenew ? current.AutoRenewMonths : null,
                current.NotifyDaysBefore!.Value, current.ManagedByRemoteManager, current.AddOnEnabled),
            view.Refusal is { } refusal ? new RuleRefusal(refusal.Code, refusal.Message) : null,
            view.ShowChangeServicePlan ? view.ServiceLevelPlans : [],
            view.ShowPlanDropdown ? view.SwitchPlans : [],
            view.ConversionPlans,
            pending is null ? null : new PendingChangeResource(
                pending.ApplyOn,
                pending.NewServicePlanId,
                view.PendingPlanName,
                new PendingSettingsResource(pending.Changes.Units, pending.Changes.ExpiresOn, pending.Changes.AutoRenew, pending.Changes.AutoRenewMonths,
                    pending.Changes.NotifyDaysBefore, pending.Changes.ManagedByRemoteManager, pending.Changes.AddOnEnabled),
                pending.CreatedBy),
            current.Version);
    }

    /// <summary>The license's ETag: its version, quoted (RFC 9110).</summary>
    public string ETag => $"\"{Version}\"";
}

/// <summary>
/// PUT body: the settings of R6, all of them (GET the license first and change what you need); a missing
/// one is refused with its name, never read as false. <c>servicePlanId</c> changes the plan (another service
/// level, or another plan of a plan-switching product); <c>applyOn</c> schedules the change for that date
/// instead of applying it now (R7); <c>pendingValues</c> ("Keep" or "Drop") says what saving now does to a
/// setting the pending change also sets (R23; without it such a save is refused).
/// </summary>
public sealed record LicenseModifyRequest(
    Guid? ServicePlanId,
    int? Units,
    DateOnly? ExpiresOn,
    bool? AutoRenew,
    int? AutoRenewMonths,
    int? NotifyDaysBefore,
    bool? ManagedByRemoteManager,
    bool? AddOnEnabled,
    DateOnly? ApplyOn,
    PendingValueChoice? PendingValues = null)
{
    /// <summary>The settings a PUT must carry (JSON names): every one <see cref="MissingMembers"/> names; the OpenAPI document marks exactly these required.</summary>
    public static IReadOnlyList<string> RequiredMembers { get; } = new LicenseModifyRequest(null, null, null, null, null, null, null, null, null).MissingMembers();

    /// <summary>The required members the body left out (JSON names), for a 400 that names them.</summary>
    public IReadOnlyList<string> MissingMembers() =>
        new (string Name, bool Missing)[]
        {
            ("units", Units is null),
            ("expiresOn", ExpiresOn is null),
            ("autoRenew", AutoRenew is null),
            ("notifyDaysBefore", NotifyDaysBefore is null),
            ("managedByRemoteManager", ManagedByRemoteManager is null),
            ("addOnEnabled", AddOnEnabled is null),
        }.Where(m => m.Missing).Select(m => m.Name).ToList();

    public LicenseModifyInput ToInput(int version) => new()
    {
        ChangeToPlanId = ServicePlanId,
        Units = Units,
        ExpiresOn = ExpiresOn,
        AutoRenew = AutoRenew ?? false,
        AutoRenewMonths = AutoRenewMonths,
        NotifyDaysBefore = NotifyDaysBefore,
        ManagedByRemoteManager = ManagedByRemoteManager ?? false,
        AddOnEnabled = AddOnEnabled ?? false,
        ApplyMode = ApplyOn is null ? ApplyMode.Now : ApplyMode.OnDate,
        ApplyOn = ApplyOn,
        PendingValues = PendingValues ?? PendingValueChoice.Ask,
        Version = version,
    };
}

/// <summary>The plan to assign; <c>units</c> defaults to the plan's units per license.</summary>
public sealed record AssignPlanRequest(Guid ServicePlanId, int? Units = null);

public sealed record ConvertTrialRequest(Guid ServicePlanId);

public sealed record MessageResource(string Message);
