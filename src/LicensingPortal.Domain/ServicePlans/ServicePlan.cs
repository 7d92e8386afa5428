using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;

namespace LicensingPortal.Domain.ServicePlans;

/// <summary>
/// A named template owned by a provider or an MSP: product, service level, license type,
/// period, units per license. Guards End of Sale / End of Life (R4) and the suite lock (R5).
/// </summary>
public sealed class ServicePlan : IVersioned
{
    public const int NameMaxLength = 150;
    public const int MaxUnitsPerLicense = 999_999;

    private ServicePlan()
    {
    }

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>Upper-cased name for the case-insensitive uniqueness index (name unique per owner).</summary>
    public string NormalizedName { get; private set; } = string.Empty;

    public Guid ProductId { get; private set; }

    public Product Product { get; private set; } = null!;

    public Guid ServiceLevelId { get; private set; }

    public LicenseType LicenseType { get; private set; }

    public LicensePeriod Period { get; private set; }

    public int UnitsPerLicense { get; private set; }

    public bool AutoRenewDefault { get; private set; }

    public bool AddOnAvailable { get; private set; }

    public Lifecycle Lifecycle { get; private set; }

    /// <summary>R24: which units the plan charges for each day (Provisioned unless the provider says otherwise).</summary>
    public Billing.ChargingPolicy ChargingPolicy { get; private set; }

    /// <summary>R5: set while a suite composition change of the product awaits this owner's approval.</summary>
    public Guid? LockedBySuiteChangeId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Version { get; private set; }

    public bool IsLocked => LockedBySuiteChangeId is not null;

    /// <summary>The plan's or its product's lifecycle, whichever is further along.</summary>
    public Lifecycle EffectiveLifecycle => LifecycleText.Latest(Lifecycle, Product.Lifecycle);

    public static ServicePlan Create(Company owner, Product product, ServicePlanDefinition definition, DateTimeOffset now)
    {
        if (owner.Type == CompanyType.Reseller)
        {
            throw new DomainRuleViolation("R14", "Resellers do not create service plans; their provider assigns plans to them.");
        }

        owner.EnsureAllows(PartnerArea.ServicePlans);
        if (product.NewPlanRefusal() is { } refusal)
        {
            throw refusal;
        }

        var plan = new ServicePlan
        {
            Id = Ids.New(),
            OwnerId = owner.Id,
            ProductId = product.Id,
            Product = product,
            Lifecycle = Lifecycle.Active,
            CreatedAt = now,
        };
        plan.Apply(product, definition);
        return plan;
    }

    /// <summary>R24: the provider (or the MSP for its own plans) sets what the plan charges for; months already closed keep their lines.</summary>
    public void SetChargingPolicy(Billing.ChargingPolicy policy) =>
        ChargingPolicy = Enum.IsDefined(policy) ? policy : throw new DomainRuleViolation("R18", "Choose Provisioned, the greater of provisioned and used, or Used.", nameof(ChargingPolicy));

    /// <summary>R24: why the plan takes no price (trial and NFR licenses are free, ADR 0019), or null. The price pages list only the others.</summary>
    public DomainRuleViolation? PricingRefusal() => LicenseType switch
    {
        LicenseType.Full => null,
        LicenseType.Trial or LicenseType.Nfr => new DomainRuleViolation(
            "R24", $"{Name} is {(LicenseType == LicenseType.Trial ? "a trial" : "an NFR")} plan: its licenses are free, so it takes no price.", "PlanId"),
    };

    /// <summary>Edits the template. Customers' licenses are never changed by it.</summary>
    public void Edit(Company owner, ServicePlanDefinition definition)
    {
        EnsureOwnedBy(owner);
        owner.EnsureAllows(PartnerArea.ServicePlans);
        if (EditRefusal() is { } refusal)
        {
            throw refusal;
        }

        Apply(Product, definition);
    }

    /// <summary>
    /// R4 and R5: why the plan itself can no longer be edited (retired, or locked by a suite change), or null. The page
    /// offers Edit only without it, and <see cref="Edit"/> throws it.
    /// </summary>
    public DomainRuleViolation? EditRefusal() => EffectiveLifecycle switch
    {
        Lifecycle.EndOfSale or Lifecycle.EndOfLife => new DomainRuleViolation("R4", $"{Name} is {EffectiveLifecycle.Display()}: it can no longer be edited."),
        Lifecycle.Active when IsLocked => LockRefusal(),
        Lifecycle.Active => null,
    };

    /// <summary>R4 and R5: may this plan be given to a new customer or a reseller, or chosen as an upgrade target?</summary>
    public string? AssignmentRefusal() => EffectiveLifecycle switch
    {
        Lifecycle.EndOfSale => $"{Name} is End of Sale: it can no longer be assigned or chosen.",
        Lifecycle.EndOfLife => $"{Name} has reached End of Life: it can no longer be assigned or chosen.",
        Lifecycle.Active when IsLocked => $"{Name} is locked until its suite composition change is approved.",
        Lifecycle.Active => null,
    };

    public void EnsureAssignable()
    {
        var refusal = AssignmentRefusal();
        if (refusal is not null)
        {
            throw new DomainRuleViolation(IsLocked && EffectiveLifecycle == Lifecycle.Active ? "R5" : "R4", refusal, "ServicePlanId");
        }
    }

    public void EnsureNotLocked()
    {
        if (IsLocked)
        {
            throw LockRefusal();
        }
    }

    /// <summary>
    /// R4: why the plan cannot be moved to <paramref name="target"/>, or null. A lifecycle only moves forward, and a plan
    /// whose product is retired already is as retired as its product: the page offers only the moves left.
    /// </summary>
    public DomainRuleViolation? LifecycleRefusal(Lifecycle target) => target switch
    {
        Lifecycle.Active => new DomainRuleViolation("R4", "A lifecycle only moves forward: a retired plan cannot become Active again."),
        Lifecycle.EndOfSale or Lifecycle.EndOfLife when target <= EffectiveLifecycle => new DomainRuleViolation("R4", $"{Name} is already {EffectiveLifecycle.Display()}."),
        Lifecycle.EndOfSale or Lifecycle.EndOfLife => null,
    };

    public void MarkEndOfSale(Company owner) => MoveLifecycleTo(owner, Lifecycle.EndOfSale);

    public void MarkEndOfLife(Company owner) => MoveLifecycleTo(owner, Lifecycle.EndOfLife);

    /// <summary>R4: the owner retires the plan (End of Sale, End of Life); refused with <see cref="LifecycleRefusal"/>.</summary>
    public void MoveLifecycleTo(Company owner, Lifecycle target)
    {
        EnsureOwnedBy(owner);
        if (LifecycleRefusal(target) is { } refusal)
        {
            throw refusal;
        }

        Lifecycle = target;
    }

    internal void LockFor(Guid suiteChangeId) => LockedBySuiteChangeId = suiteChangeId;

    internal void UnlockAfterApproval(Guid suiteChangeId)
    {
        if (LockedBySuiteChangeId == suiteChangeId)
        {
            LockedBySuiteChangeId = null;
        }
    }

    public void EnsureOwnedBy(Company owner)
    {
        if (owner.Id != OwnerId)
        {
            throw new DomainRuleViolation("R1", "This service plan belongs to another company.");
        }
    }

    private DomainRuleViolation LockRefusal() =>
        new("R5", $"{Name} is locked: its product's suite composition changed, and the change must be approved on Service plan component updates first.");

    private void Apply(Product product, ServicePlanDefinition d)
    {
        Name = Guard.Text(d.Name, nameof(Name), NameMaxLength);
        NormalizedName = Name.ToUpperInvariant();
        ServiceLevelId = product.Level(d.ServiceLevelId).Id;
        LicenseType = d.LicenseType;
        Period = d.LicenseType switch
        {
            LicenseType.Trial when d.Period != LicensePeriod.Trial =>
                throw new DomainRuleViolation("R18", $"A trial plan lasts {LicensePeriod.TrialDays} days.", nameof(Period)),
            LicenseType.Trial => d.Period,
            LicenseType.Full or LicenseType.Nfr when d.Period.Unit != PeriodUnit.Months || d.Period.Length < 1 || d.Period.Length > LicensePeriod.MaxMonths =>
                throw new DomainRuleViolation("R18", $"License period must be between 1 and {LicensePeriod.MaxMonths} months.", nameof(Period)),
            LicenseType.Full or LicenseType.Nfr => d.Period,
            _ => throw new DomainRuleViolation("R18", "Unknown license type.", nameof(LicenseType)),
        };
        UnitsPerLicense = Guard.Range(d.UnitsPerLicense, 1, MaxUnitsPerLicense, nameof(UnitsPerLicense), "R18");
        AutoRenewDefault = d.AutoRenewDefault && d.LicenseType != LicenseType.Trial;
        if (d.AddOnAvailable && !product.HasAddOn)
        {
            throw new DomainRuleViolation("R6", $"{product.Name} has no add-on.", nameof(AddOnAvailable));
        }

        AddOnAvailable = d.AddOnAvailable;
    }
}
