using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Products;

/// <summary>A sellable product or service with its service levels, optional add-on and lifecycle (R4).</summary>
public sealed class Product : IVersioned
{
    private readonly List<ServiceLevel> _serviceLevels = [];

    private Product()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>Name of the add-on, or null when the product has none (R6: the Add-on setting is shown only then).</summary>
    public string? AddOnName { get; private set; }

    /// <summary>R6: customers can switch between this product's plans with the "Change the service plan" drop-down.</summary>
    public bool SupportsPlanSwitching { get; private set; }

    /// <summary>Managed through the Remote Manager console.</summary>
    public bool ManagedThroughRemoteManager { get; private set; }

    public Lifecycle Lifecycle { get; private set; }

    public DateTimeOffset? LifecycleChangedAt { get; private set; }

    /// <summary>The suite's components, comma separated; changed by a suite composition change (R5).</summary>
    public string Components { get; private set; } = string.Empty;

    public int Version { get; private set; }

    public IReadOnlyList<ServiceLevel> ServiceLevels => _serviceLevels;

    public bool HasAddOn => AddOnName is not null;

    public bool HasSeveralServiceLevels => _serviceLevels.Count > 1;

    public static Product Create(
        string name,
        IEnumerable<string> serviceLevels,
        string? addOnName = null,
        bool supportsPlanSwitching = false,
        bool managedThroughRemoteManager = true,
        IEnumerable<string>? components = null)
    {
        var product = new Product
        {
            Id = Ids.New(),
            Name = Guard.Text(name, nameof(Name), 150),
            AddOnName = Guard.OptionalText(addOnName, nameof(AddOnName), 150),
            SupportsPlanSwitching = supportsPlanSwitching,
            ManagedThroughRemoteManager = managedThroughRemoteManager,
            Lifecycle = Lifecycle.Active,
            Components = string.Join(", ", components ?? []),
        };
        var rank = 0;
        foreach (var level in serviceLevels)
        {
            product._serviceLevels.Add(new ServiceLevel(product.Id, Guard.Text(level, "ServiceLevel", 60), rank++));
        }

        return product.ServiceLevels.Count == 0
            ? throw new DomainRuleViolation("R18", "A product needs at least one service level.", nameof(ServiceLevels))
            : product;
    }

    public ServiceLevel Level(Guid serviceLevelId) =>
        _serviceLevels.SingleOrDefault(l => l.Id == serviceLevelId)
        ?? throw new DomainRuleViolation("R18", $"{Name} has no such service level.", "ServiceLevelId");

    /// <summary>R4: no longer sold; existing customers keep it, renew it and change their own settings.</summary>
    public void MarkEndOfSale(DateTimeOffset now) => MoveLifecycleTo(Lifecycle.EndOfSale, now);

    /// <summary>R4: every license on this product becomes view-only.</summary>
    public void MarkEndOfLife(DateTimeOffset now) => MoveLifecycleTo(Lifecycle.EndOfLife, now);

    /// <summary>R4: the vendor retires the product; refused with <see cref="LifecycleRefusal"/>.</summary>
    public void MoveLifecycleTo(Lifecycle target, DateTimeOffset now)
    {
        if (LifecycleRefusal(target) is { } refusal)
        {
            throw refusal;
        }

        Lifecycle = target;
        LifecycleChangedAt = now;
    }

    /// <summary>R4: why the product cannot be moved to <paramref name="target"/> (a lifecycle only moves forward), or null.</summary>
    public DomainRuleViolation? LifecycleRefusal(Lifecycle target) => target switch
    {
        Lifecycle.Active => new DomainRuleViolation("R4", "A lifecycle only moves forward: a retired product cannot become Active again."),
        Lifecycle.EndOfSale or Lifecycle.EndOfLife when target <= Lifecycle => new DomainRuleViolation("R4", $"{Name} is already {Lifecycle.Display()}; a lifecycle only moves forward."),
        Lifecycle.EndOfSale or Lifecycle.EndOfLife => null,
    };

    /// <summary>R4 and R5: why the suite can no longer change (the product reached End of Life), or null.</summary>
    public DomainRuleViolation? SuiteChangeRefusal() => Lifecycle switch
    {
        Lifecycle.EndOfLife => new DomainRuleViolation("R4", $"{Name} has reached End of Life; its suite no longer changes."),
        Lifecycle.Active or Lifecycle.EndOfSale => null,
    };

    /// <summary>R4: why no new service plans can be built on the product (it is End of Sale or End of Life), or null.</summary>
    public DomainRuleViolation? NewPlanRefusal() => Lifecycle switch
    {
        Lifecycle.EndOfSale or Lifecycle.EndOfLife => new DomainRuleViolation("R4", $"{Name} is {Lifecycle.Display()}: no new plans can be built on it.", "ProductId"),
        Lifecycle.Active => null,
    };

    /// <summary>R5: the vendor changed the suite; returns the components before, for the record.</summary>
    public string ChangeComposition(IEnumerable<string> added, IEnumerable<string> removed)
    {
        var before = Components;
        var components = Components.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        components.RemoveAll(c => removed.Contains(c, StringComparer.OrdinalIgnoreCase));
        components.AddRange(added.Where(a => !components.Contains(a, StringComparer.OrdinalIgnoreCase)));
        Components = string.Join(", ", components);
        return before;
    }
}
