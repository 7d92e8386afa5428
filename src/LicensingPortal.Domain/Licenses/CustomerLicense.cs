using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;

namespace LicensingPortal.Domain.Licenses;

/// <summary>
/// A service plan assigned to a customer, with the customer's own settings (seed 000).
/// Guards R3 (trial), R4 (End of Life), R5 (suite lock), R6 (settings), R7 (scheduled changes),
/// R11 (owner's status) and R12 (units against the owner's pool). Every change returns its
/// transaction (R9) for the caller to save in the same unit of work.
/// </summary>
public sealed class CustomerLicense : IVersioned
{
    private readonly List<ScheduledLicenseChange> _scheduledChanges = [];

    private CustomerLicense()
    {
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public Customer Customer { get; private set; } = null!;

    public Guid ServicePlanId { get; private set; }

    public ServicePlan Plan { get; private set; } = null!;

    public LicenseType LicenseType { get; private set; }

    public int Units { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly ExpiresOn { get; private set; }

    public bool AutoRenew { get; private set; }

    public int? AutoRenewMonths { get; private set; }

    public int NotifyDaysBefore { get; private set; }

    public bool ManagedByRemoteManager { get; private set; }

    public bool AddOnEnabled { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ScheduledLicenseChange> ScheduledChanges => _scheduledChanges;

    public ScheduledLicenseChange? PendingChange => _scheduledChanges.FirstOrDefault(c => c.IsPending);

    public LicenseSettings Settings =>
        new(Units, ExpiresOn, AutoRenew, AutoRenewMonths, NotifyDaysBefore, ManagedByRemoteManager, AddOnEnabled);

    public const int DefaultNotifyDaysBefore = 30;

    public LicenseStatus StatusOn(DateOnly today) => LicenseStatusRules.On(today, ExpiresOn, NotifyDaysBefore);

    /// <summary>
    /// For a reader that loads a license and its parts in separate queries without change tracking (the nightly job
    /// reads them by key and shares each plan among the run's licenses): joins them as EF's materializer joins an
    /// Include. Each part must be the one the license's keys name; the scheduled changes, when given, are all of the
    /// license's and are attached once. Nothing here changes a setting, so no rule applies.
    /// </summary>
    public void AttachLoaded(Customer customer, ServicePlan plan, IEnumerable<ScheduledLicenseChange>? scheduledChanges = null)
    {
        if (customer.Id != CustomerId || plan.Id != ServicePlanId)
        {
            throw new InvalidOperationException($"License {Id} belongs to customer {CustomerId} on plan {ServicePlanId}, not {customer.Id} on {plan.Id}.");
        }

        // Everything is checked before anything is attached.
        var (attachedCustomer, attachedPlan) = (Attach.Once(Customer, customer), Attach.Once(Plan, plan));
        var changes = scheduledChanges?.ToList() ?? [];
        if (changes.Count > 0 && _scheduledChanges.Count > 0)
        {
            throw new InvalidOperationException($"License {Id} has its scheduled changes already.");
        }

        if (changes.Find(c => c.LicenseId != Id) is { } foreign)
        {
            throw new InvalidOperationException($"Scheduled change {foreign.Id} is not one of license {Id}'s.");
        }

        Customer = attachedCustomer;
        Plan = attachedPlan;
        _scheduledChanges.AddRange(changes);
    }

    /// <summary>A "new purchase": assigns a plan to a customer, consuming pool units (R12).</summary>
    public static (CustomerLicense License, LicenseTransaction Transaction) Purchase(
        Customer customer, ServicePlan plan, int? units, LicensePool? pool, Actor actor, DateTimeOffset now)
    {
        var owner = customer.Owner;
        owner.EnsureAllows(PartnerArea.Customers);
        plan.EnsureAssignable();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var license = new CustomerLicense
        {
            Id = Ids.New(),
            CustomerId = customer.Id,
            Customer = customer,
            ServicePlanId = plan.Id,
            Plan = plan,
            LicenseType = plan.LicenseType,
            Units = Guard.Range(units ?? plan.UnitsPerLicense, 1, LicenseSettings.MaxUnits, "Units", "R6"),
            StartsOn = today,
            ExpiresOn = plan.Period.AddTo(today),
            AutoRenew = plan.AutoRenewDefault,
            AutoRenewMonths = plan.AutoRenewDefault ? plan.Period.Length : null,
            NotifyDaysBefore = plan.LicenseType == LicenseType.Trial ? 7 : DefaultNotifyDaysBefore,
            ManagedByRemoteManager = plan.Product.ManagedThroughRemoteManager && owner.OffersRemoteManager,
            AddOnEnabled = false,
            CreatedAt = now,
        };
        var refill = ConsumeFrom(owner, pool, license.Units);
        var transaction = license.Record(TransactionType.NewPurchase, actor, now, null, license.Describe(), RefillNote(refill));
        return (license, transaction);
    }

    /// <summary>
    /// Why this license cannot be modified, with its rule code; null when it can. The page shows it
    /// above a read-only form, and <see cref="EnsureModifiable"/> refuses a crafted POST with it.
    /// </summary>
    public (string Code, string Message)? ModificationRefusal()
    {
        if (LicenseType == LicenseType.Trial)
        {
            return ("R3", "This is a trial license: it cannot be modified. Convert it to a full license, or let it expire.");
        }

        if (Plan.EffectiveLifecycle == Lifecycle.EndOfLife)
        {
            var what = Plan.Product.Lifecycle == Lifecycle.EndOfLife ? Plan.Product.Name : Plan.Name;
            return ("R4", $"{what} has reached End of Life: this license is view-only.");
        }

        if (Plan.IsLocked)
        {
            return ("R5", $"{Plan.Name} is locked by a suite composition change. It can be modified again once the change is approved on Service plan component updates.");
        }

        var owner = Customer.Owner;
        return owner.Allows(PartnerArea.Customers) ? null : ("R11", owner.StatusRefusal);
    }

    public void EnsureModifiable()
    {
        if (ModificationRefusal() is { } refusal)
        {
            throw new DomainRuleViolation(refusal.Code, refusal.Message);
        }
    }

    /// <summary>R6: does the product offer an upgrade/downgrade, and is <paramref name="target"/> one?</summary>
    public bool IsServiceLevelChange(ServicePlan target) =>
        target.ProductId == Plan.ProductId && target.ServiceLevelId != Plan.ServiceLevelId && Plan.Product.HasSeveralServiceLevels;

    /// <summary>R6: another plan of the same level of a plan-switching product (the drop-down).</summary>
    public bool IsPlanSwitch(ServicePlan target) =>
        target.ProductId == Plan.ProductId && target.ServiceLevelId == Plan.ServiceLevelId && target.Id != Plan.Id && Plan.Product.SupportsPlanSwitching;

    /// <summary>
    /// R6, applied immediately ("Apply updates: immediately"). R23: a setting saved now that also has a
    /// pending value is refused until <paramref name="pendingValues"/> says whether that value is kept
    /// (it still applies on its date) or dropped from the scheduled change.
    /// </summary>
    public LicenseTransaction Modify(
        LicenseSettings settings, ServicePlan? newPlan, Func<ServicePlan, LicensePool?> poolFor, Actor actor, DateTimeOffset now,
        PendingValueChoice pendingValues = PendingValueChoice.Ask)
    {
        EnsureModifiable();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        ValidateChange(settings, newPlan, today, today);
        var overlap = PendingOverlap(settings, newPlan);
        string? dropped = null;
        if (overlap.Count > 0)
        {
            var pending = PendingChange!;
            switch (pendingValues)
            {
                case PendingValueChoice.Ask:
                    throw new DomainRuleViolation(
                        "R23",
                        $"{LicenseSettingsChange.Labels(overlap)} also {(overlap.Count == 1 ? "has a value" : "have values")} scheduled for {pending.ApplyOn:yyyy-MM-dd}. Keep the scheduled value, or drop it and keep only what you save now.",
                        overlap[0]);
                case PendingValueChoice.Drop:
                    pending.Drop(overlap, now, actor.Name);
                    dropped = $" Dropped from the change scheduled for {pending.ApplyOn:yyyy-MM-dd}: {LicenseSettingsChange.Labels(overlap)}.";
                    break;
                case PendingValueChoice.Keep:
                    dropped = $" The change scheduled for {pending.ApplyOn:yyyy-MM-dd} keeps its value for {LicenseSettingsChange.Labels(overlap)}.";
                    break;
            }
        }

        var before = Describe();
        var refill = Apply(settings, newPlan, poolFor);
        return Record(TransactionType.LicenseChange, actor, now, before, Describe(), RefillNote(refill) + dropped);
    }

    /// <summary>R23: the settings (and plan) a save of <paramref name="settings"/> changes that the pending change also sets.</summary>
    public IReadOnlyList<string> PendingOverlap(LicenseSettings settings, ServicePlan? newPlan)
    {
        if (PendingChange is not { } pending)
        {
            return [];
        }

        var changed = LicenseSettingsChange.Between(Settings, settings).Fields.ToList();
        if (newPlan is not null && newPlan.Id != Plan.Id)
        {
            changed.Add(ScheduledLicenseChange.PlanField);
        }

        return pending.Fields.Intersect(changed, StringComparer.Ordinal).ToList();
    }

    /// <summary>R7: stores the change to apply on <paramref name="applyOn"/>; it replaces an earlier pending change.</summary>
    public LicenseTransaction Schedule(LicenseSettings settings, ServicePlan? newPlan, DateOnly applyOn, Actor actor, DateTimeOffset now)
    {
        EnsureModifiable();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (applyOn <= today)
        {
            throw new DomainRuleViolation("R7", $"The date to apply the change must be after today ({today:yyyy-MM-dd}).", "ApplyOn");
        }

        Guard.Date(applyOn, "ApplyOn", "The date to apply the change", "R7");

        ValidateChange(settings, newPlan, today, applyOn);
        var replaced = PendingChange;
        replaced?.Resolve(ScheduledChangeState.Canceled, now, "Replaced by a newer scheduled change.");

        // R23: only what differs from today's settings is stored, so later immediate saves of the others survive.
        var changes = LicenseSettingsChange.Between(Settings, settings);
        var planChange = newPlan is not null && newPlan.Id != Plan.Id ? newPlan : null;
        var change = ScheduledLicenseChange.Create(Id, changes, planChange?.Id, applyOn, actor.Name, now);
        _scheduledChanges.Add(change);
        var after = string.Join("; ", new[] { planChange is null ? null : $"Plan → {planChange.Name}", changes.IsEmpty ? null : changes.Describe() }.Where(p => p is not null));
        return Record(TransactionType.ChangeScheduled, actor, now, Describe(), after, $"To apply on {applyOn:yyyy-MM-dd}" + (replaced is null ? "." : $"; replaces the change due {replaced.ApplyOn:yyyy-MM-dd}."));
    }

    /// <summary>R7: a pending change can be canceled until it is due.</summary>
    public LicenseTransaction CancelPendingChange(Actor actor, DateTimeOffset now)
    {
        var pending = PendingChange ?? throw new DomainRuleViolation("R7", "This license has no pending change to cancel.");
        Customer.Owner.EnsureAllows(PartnerArea.Customers);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (pending.ApplyOn <= today)
        {
            throw new DomainRuleViolation("R7", "The change is due today and is being applied; it can no longer be canceled.");
        }

        pending.Resolve(ScheduledChangeState.Canceled, now, $"Canceled by {actor.Name}.");
        return Record(TransactionType.ScheduledChangeCanceled, actor, now, $"Pending change due {pending.ApplyOn:yyyy-MM-dd}", "Canceled");
    }

    /// <summary>
    /// R7, for the scheduler: applies the pending change if it is due. A rule that refuses it on the day
    /// (End of Life, a lock, a suspended owner, too few units) resolves it as Refused, recorded, never retried.
    /// </summary>
    public LicenseTransaction? ApplyDueChange(ServicePlan? newPlan, Func<ServicePlan, LicensePool?> poolFor, DateTimeOffset now)
    {
        var pending = PendingChange;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (pending is null || pending.ApplyOn > today)
        {
            return null;
        }

        var before = Describe();
        try
        {
            EnsureModifiable();

            // R23: the scheduled values over the license's settings as they are today, saved since or not.
            if (pending.Changes.ExpiresOn is { } expires && expires <= today && expires != ExpiresOn)
            {
                throw new DomainRuleViolation("R6", $"The scheduled expiration date {expires:yyyy-MM-dd} has passed.");
            }

            var settings = pending.Changes.AppliedTo(Settings);

            ValidateChange(settings, newPlan, today, today, requireDifference: false);
            var refill = Apply(settings, newPlan, poolFor);
            pending.Resolve(ScheduledChangeState.Applied, now, null);
            return Record(TransactionType.LicenseChange, Actor.Scheduler, now, before, Describe(), $"Scheduled change due {pending.ApplyOn:yyyy-MM-dd} applied." + RefillNote(refill));
        }
        catch (DomainRuleViolation refusal)
        {
            pending.Resolve(ScheduledChangeState.Refused, now, $"{refusal.Code}: {refusal.Message}");
            return Record(TransactionType.ScheduledChangeFailed, Actor.Scheduler, now, before, before, $"{RefusedNotePrefix(pending.ApplyOn)}{refusal.Message}");
        }
    }

    /// <summary>
    /// Auto-renewal at expiry: renews for the chosen frequency. Not for trials, End of Life plans,
    /// or customers of a canceled partner.
    /// </summary>
    public LicenseTransaction? RenewIfDue(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (!AutoRenew || AutoRenewMonths is not { } months || today < ExpiresOn || !IsRenewable())
        {
            return null;
        }

        var before = Describe();
        while (ExpiresOn <= today)
        {
            ExpiresOn = ExpiresOn.AddMonths(months);
        }

        return Record(TransactionType.AutoRenewal, Actor.Scheduler, now, before, Describe(), $"Renewed for {months} months.");
    }

    public bool IsRenewable() =>
        LicenseType != LicenseType.Trial
        && Plan.EffectiveLifecycle != Lifecycle.EndOfLife
        && Customer.Owner.Status != PartnerStatus.Canceled;

    /// <summary>R3: a trial can only become a full license (of a full plan of the same product), or expire.</summary>
    public LicenseTransaction ConvertToFull(ServicePlan fullPlan, Func<ServicePlan, LicensePool?> poolFor, Actor actor, DateTimeOffset now)
    {
        if (LicenseType != LicenseType.Trial)
        {
            throw new DomainRuleViolation("R3", "Only a trial license can be converted to a full license.");
        }

        Customer.Owner.EnsureAllows(PartnerArea.Customers);
        if (fullPlan.LicenseType != LicenseType.Full)
        {
            throw new DomainRuleViolation("R3", "A trial converts to a full license: choose a full plan.", "ServicePlanId");
        }

        if (fullPlan.ProductId != Plan.ProductId)
        {
            throw new DomainRuleViolation("R3", $"A trial of {Plan.Product.Name} converts to a plan of the same product.", "ServicePlanId");
        }

        fullPlan.EnsureAssignable();
        var before = Describe();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        poolFor(Plan)?.Release(Units);
        var refill = ConsumeFrom(Customer.Owner, poolFor(fullPlan), Units);
        Plan = fullPlan;
        ServicePlanId = fullPlan.Id;
        LicenseType = LicenseType.Full;
        StartsOn = today;
        ExpiresOn = fullPlan.Period.AddTo(today);
        AutoRenew = fullPlan.AutoRenewDefault;
        AutoRenewMonths = fullPlan.AutoRenewDefault ? fullPlan.Period.Length : null;
        NotifyDaysBefore = DefaultNotifyDaysBefore;
        return Record(TransactionType.Conversion, actor, now, before, Describe(), RefillNote(refill));
    }

    /// <summary>R11: a canceled partner's customers' licenses expire on the cancel date.</summary>
    public LicenseTransaction? ExpireBecausePartnerCanceled(DateTimeOffset canceledAt, Actor actor)
    {
        var cancelDate = DateOnly.FromDateTime(canceledAt.UtcDateTime);
        if (ExpiresOn <= cancelDate && !AutoRenew && PendingChange is null)
        {
            return null;
        }

        var before = Describe();
        ExpiresOn = ExpiresOn < cancelDate ? ExpiresOn : cancelDate;
        AutoRenew = false;
        AutoRenewMonths = null;
        PendingChange?.Resolve(ScheduledChangeState.Canceled, canceledAt, "The partner was canceled.");
        return Record(TransactionType.Expiration, actor, canceledAt, before, Describe(), "The partner was canceled: the license expires on the cancel date.");
    }

    /// <summary>R5: recorded on every license of a plan whose owner approved a suite composition change.</summary>
    public LicenseTransaction RecordSuiteChange(string componentsBefore, string componentsAfter, Actor actor, DateTimeOffset now) =>
        Record(TransactionType.SuiteChange, actor, now, componentsBefore, componentsAfter, "Suite composition change approved.");

    public string Describe() => Describe(Settings, Plan);

    /// <summary>How a refused scheduled change's transaction note starts; the sentence for people follows (the code is on the change's outcome).</summary>
    public static string RefusedNotePrefix(DateOnly applyOn) => $"Scheduled change due {applyOn:yyyy-MM-dd} refused: ";

    private static string Describe(LicenseSettings settings, ServicePlan plan) => $"Plan: {plan.Name}; {LicenseSettings.Describe(settings)}";

    private void ValidateChange(LicenseSettings settings, ServicePlan? newPlan, DateOnly today, DateOnly effectiveOn, bool requireDifference = true)
    {
        settings.Validate(today, settings.ExpiresOn != ExpiresOn);
        if (settings.ExpiresOn != ExpiresOn && settings.ExpiresOn <= effectiveOn)
        {
            throw new DomainRuleViolation("R6", $"The expiration date must be after {effectiveOn:yyyy-MM-dd}, when the change applies.", nameof(ExpiresOn));
        }

        var plan = newPlan ?? Plan;
        if (newPlan is not null && newPlan.Id != Plan.Id)
        {
            if (!IsServiceLevelChange(newPlan) && !IsPlanSwitch(newPlan))
            {
                throw new DomainRuleViolation("R6", $"{Plan.Name} cannot be changed to {newPlan.Name}: choose another service level of {Plan.Product.Name}, or (for products that allow it) another plan of the same level.", "NewServicePlanId");
            }

            if (newPlan.LicenseType != LicenseType)
            {
                throw new DomainRuleViolation("R6", $"{newPlan.Name} is a {newPlan.LicenseType} plan; the license is {LicenseType}.", "NewServicePlanId");
            }

            newPlan.EnsureAssignable();
        }

        if (settings.AddOnEnabled && !(plan.Product.HasAddOn && plan.AddOnAvailable))
        {
            throw new DomainRuleViolation("R6", $"{plan.Name} offers no add-on.", nameof(AddOnEnabled));
        }

        if (settings.ManagedByRemoteManager && !plan.Product.ManagedThroughRemoteManager)
        {
            throw new DomainRuleViolation("R6", $"{plan.Product.Name} is not managed through the Remote Manager console.", nameof(ManagedByRemoteManager));
        }

        if (settings.ManagedByRemoteManager && !ManagedByRemoteManager && !Customer.Owner.OffersRemoteManager)
        {
            throw new DomainRuleViolation("R13", $"{Customer.Owner.Name} has no Remote Manager console enabled: its customers' licenses cannot be managed through it.", nameof(ManagedByRemoteManager));
        }

        if (requireDifference && settings == Settings && (newPlan is null || newPlan.Id == Plan.Id))
        {
            throw new DomainRuleViolation("R6", "Nothing was changed.");
        }
    }

    private int Apply(LicenseSettings settings, ServicePlan? newPlan, Func<ServicePlan, LicensePool?> poolFor)
    {
        var owner = Customer.Owner;
        var refill = 0;
        if (newPlan is not null && newPlan.Id != Plan.Id)
        {
            // Units move from the old plan's pool to the new plan's; within one pool only the difference counts.
            // Consumed before released, so a refusal (R12) leaves both pools as they were.
            var from = poolFor(Plan);
            var to = poolFor(newPlan);
            if (from is not null && ReferenceEquals(from, to))
            {
                refill = settings.Units > Units ? ConsumeFrom(owner, to, settings.Units - Units) : 0;
                if (settings.Units < Units)
                {
                    from.Release(Units - settings.Units);
                }
            }
            else
            {
                refill = ConsumeFrom(owner, to, settings.Units);
                from?.Release(Units);
            }

            Plan = newPlan;
            ServicePlanId = newPlan.Id;
        }
        else if (settings.Units > Units)
        {
            refill = ConsumeFrom(owner, poolFor(Plan), settings.Units - Units, settings.Units);
        }
        else if (settings.Units < Units)
        {
            poolFor(Plan)?.Release(Units - settings.Units);
        }

        Units = settings.Units;
        ExpiresOn = settings.ExpiresOn;
        AutoRenew = settings.AutoRenew;
        AutoRenewMonths = settings.AutoRenew ? settings.AutoRenewMonths : null;
        NotifyDaysBefore = settings.NotifyDaysBefore;
        ManagedByRemoteManager = settings.ManagedByRemoteManager;
        AddOnEnabled = settings.AddOnEnabled;
        return refill;
    }

    /// <summary>R12: the provider's own customers draw on no pool; a partner's customers draw on the partner's.</summary>
    private static int ConsumeFrom(Company owner, LicensePool? pool, int units, int? licenseUnits = null)
    {
        if (owner.IsProvider || units <= 0)
        {
            return 0;
        }

        return pool is null
            ? throw new DomainRuleViolation("R12", $"{owner.Name} has no licenses of this product, service level and type in its license pool.", "Units")
            : pool.Consume(owner, units, licenseUnits);
    }

    private static string? RefillNote(int refill) =>
        refill > 0 ? $" License pool refill added {refill:N0} units." : null;

    private LicenseTransaction Record(TransactionType type, Actor actor, DateTimeOffset at, string? before, string? after, string? note = null) =>
        LicenseTransaction.Record(type, Customer.OwnerId, CustomerId, Customer.Name, Id, Plan.Name, actor, at, before, after, note?.Trim(), (ServicePlanId, Units, ExpiresOn));
}
