namespace LicensingPortal.Domain.Licenses;

/// <summary>
/// R23: the settings a scheduled change sets, and only those; a null leaves the license's own value,
/// so a setting saved immediately after the change was scheduled survives when it applies.
/// Auto-renewal and its frequency are one setting: <see cref="AutoRenewMonths"/> counts only when
/// <see cref="AutoRenew"/> is set.
/// </summary>
public sealed record LicenseSettingsChange(
    int? Units = null,
    DateOnly? ExpiresOn = null,
    bool? AutoRenew = null,
    int? AutoRenewMonths = null,
    int? NotifyDaysBefore = null,
    bool? ManagedByRemoteManager = null,
    bool? AddOnEnabled = null)
{
    public static readonly LicenseSettingsChange None = new();

    /// <summary>The settings of <paramref name="desired"/> that differ from <paramref name="current"/>.</summary>
    public static LicenseSettingsChange Between(LicenseSettings current, LicenseSettings desired)
    {
        var autoRenewChanged = desired.AutoRenew != current.AutoRenew || (desired.AutoRenew && desired.AutoRenewMonths != current.AutoRenewMonths);
        return new LicenseSettingsChange(
            desired.Units != current.Units ? desired.Units : null,
            desired.ExpiresOn != current.ExpiresOn ? desired.ExpiresOn : null,
            autoRenewChanged ? desired.AutoRenew : null,
            autoRenewChanged && desired.AutoRenew ? desired.AutoRenewMonths : null,
            desired.NotifyDaysBefore != current.NotifyDaysBefore ? desired.NotifyDaysBefore : null,
            desired.ManagedByRemoteManager != current.ManagedByRemoteManager ? desired.ManagedByRemoteManager : null,
            desired.AddOnEnabled != current.AddOnEnabled ? desired.AddOnEnabled : null);
    }

    public bool IsEmpty => Fields.Count == 0;

    /// <summary>The names of the settings this change sets (the <see cref="LicenseSettings"/> property names).</summary>
    public IReadOnlyList<string> Fields =>
        new (string Name, bool Set)[]
        {
            (nameof(Units), Units is not null),
            (nameof(ExpiresOn), ExpiresOn is not null),
            (nameof(AutoRenew), AutoRenew is not null),
            (nameof(NotifyDaysBefore), NotifyDaysBefore is not null),
            (nameof(ManagedByRemoteManager), ManagedByRemoteManager is not null),
            (nameof(AddOnEnabled), AddOnEnabled is not null),
        }.Where(f => f.Set).Select(f => f.Name).ToList();

    /// <summary>The license's settings with this change's values laid over them.</summary>
    public LicenseSettings AppliedTo(LicenseSettings current) =>
        new(
            Units ?? current.Units,
            ExpiresOn ?? current.ExpiresOn,
            AutoRenew ?? current.AutoRenew,
            AutoRenew is null ? current.AutoRenewMonths : AutoRenewMonths,
            NotifyDaysBefore ?? current.NotifyDaysBefore,
            ManagedByRemoteManager ?? current.ManagedByRemoteManager,
            AddOnEnabled ?? current.AddOnEnabled);

    /// <summary>This change less the settings named (R23: "drop the pending value").</summary>
    public LicenseSettingsChange Without(IEnumerable<string> fields)
    {
        var drop = fields.ToHashSet(StringComparer.Ordinal);
        return new LicenseSettingsChange(
            drop.Contains(nameof(Units)) ? null : Units,
            drop.Contains(nameof(ExpiresOn)) ? null : ExpiresOn,
            drop.Contains(nameof(AutoRenew)) ? null : AutoRenew,
            drop.Contains(nameof(AutoRenew)) ? null : AutoRenewMonths,
            drop.Contains(nameof(NotifyDaysBefore)) ? null : NotifyDaysBefore,
            drop.Contains(nameof(ManagedByRemoteManager)) ? null : ManagedByRemoteManager,
            drop.Contains(nameof(AddOnEnabled)) ? null : AddOnEnabled);
    }

    /// <summary>The form's label of a setting named in <see cref="Fields"/> (or the plan).</summary>
    public static string Label(string field) => field switch
    {
        nameof(Units) => "Units per license",
        nameof(ExpiresOn) => "License expiration date",
        nameof(AutoRenew) => "Auto-renewal",
        nameof(NotifyDaysBefore) => "Expiration notification",
        nameof(ManagedByRemoteManager) => "Managing Product/Service",
        nameof(AddOnEnabled) => "Add-on",
        ScheduledLicenseChange.PlanField => "Service plan",
        _ => field,
    };

    public static string Labels(IEnumerable<string> fields) => string.Join(", ", fields.Select(Label));

    /// <summary>"Units → 7; Auto-renewal → No", for transactions (R9) and the page.</summary>
    public string Describe() =>
        string.Join("; ", new[]
        {
            Units is { } units ? $"Units → {units}" : null,
            ExpiresOn is { } expires ? $"Expires → {expires:yyyy-MM-dd}" : null,
            AutoRenew is { } renew ? $"Auto-renewal → {(renew ? $"Yes ({AutoRenewMonths} months)" : "No")}" : null,
            NotifyDaysBefore is { } days ? $"Notify → {days} days before" : null,
            ManagedByRemoteManager is { } remote ? $"Remote Manager → {(remote ? "Yes" : "No")}" : null,
            AddOnEnabled is { } addOn ? $"Add-on → {(addOn ? "Enabled" : "Disabled")}" : null,
        }.Where(part => part is not null));
}
