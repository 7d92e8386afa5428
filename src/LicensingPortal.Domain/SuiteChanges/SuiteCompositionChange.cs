using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;

namespace LicensingPortal.Domain.SuiteChanges;

/// <summary>
/// R5: the vendor changed a product suite's components. Every plan of the product, at every
/// owner, is locked until that owner approves the change; rejecting (not approving) keeps the lock.
/// </summary>
public sealed class SuiteCompositionChange
{
    private readonly List<SuiteChangeApproval> _approvals = [];

    private SuiteCompositionChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProductId { get; private set; }

    public Product Product { get; private set; } = null!;

    public string ComponentsAdded { get; private set; } = string.Empty;

    public string ComponentsRemoved { get; private set; } = string.Empty;

    public string ComponentsBefore { get; private set; } = string.Empty;

    public string ComponentsAfter { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public DateOnly EffectiveOn { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string RecordedBy { get; private set; } = string.Empty;

    public IReadOnlyList<SuiteChangeApproval> Approvals => _approvals;

    public static SuiteCompositionChange Record(
        Product product,
        IReadOnlyCollection<string> added,
        IReadOnlyCollection<string> removed,
        string? description,
        DateOnly effectiveOn,
        IEnumerable<ServicePlan> plansOfProduct,
        Actor actor,
        DateTimeOffset now)
    {
        if (added.Count == 0 && removed.Count == 0)
        {
            throw new DomainRuleViolation("R5", "Name at least one component added or removed.", nameof(ComponentsAdded));
        }

        Guard.Date(effectiveOn, nameof(EffectiveOn), "The effective date");

        foreach (var (components, field) in new[] { (added, nameof(ComponentsAdded)), (removed, nameof(ComponentsRemoved)) })
        {
            foreach (var component in components)
            {
                Guard.Text(component, field, 1000);
            }
        }

        if (product.SuiteChangeRefusal() is { } refusal)
        {
            throw refusal;
        }

        var change = new SuiteCompositionChange
        {
            Id = Ids.New(),
            ProductId = product.Id,
            Product = product,
            ComponentsAdded = string.Join(", ", added),
            ComponentsRemoved = string.Join(", ", removed),
            Description = Guard.OptionalText(description, nameof(Description), 1000, multiLine: true),
            EffectiveOn = effectiveOn,
            RecordedAt = now,
            RecordedBy = actor.Name,
        };
        change.ComponentsBefore = product.ChangeComposition(added, removed);
        change.ComponentsAfter = product.Components;
        foreach (var plan in plansOfProduct)
        {
            if (plan.ProductId != product.Id)
            {
                throw new ArgumentException("Only plans of the changed product are locked.", nameof(plansOfProduct));
            }

            plan.LockFor(change.Id);
        }

        return change;
    }

    public bool IsApprovedBy(Guid ownerId) => _approvals.Any(a => a.OwnerId == ownerId);

    /// <summary>
    /// R5: the owner reviewed the change and approves it; its plans locked by this change unlock.
    /// Approving twice is refused. Plans of other owners stay locked.
    /// </summary>
    public SuiteChangeApproval Approve(Company owner, IEnumerable<ServicePlan> ownersPlans, Actor actor, DateTimeOffset now)
    {
        if (owner.Type == CompanyType.Reseller)
        {
            throw new DomainRuleViolation("R5", "Resellers own no service plans; their provider approves suite changes.");
        }

        owner.EnsureAllows(PartnerArea.ServicePlans);
        if (IsApprovedBy(owner.Id))
        {
            throw new DomainRuleViolation("R5", $"{owner.Name} already approved this suite composition change.");
        }

        var unlocked = 0;
        foreach (var plan in ownersPlans)
        {
            plan.EnsureOwnedBy(owner);
            if (plan.LockedBySuiteChangeId == Id)
            {
                plan.UnlockAfterApproval(Id);
                unlocked++;
            }
        }

        var approval = new SuiteChangeApproval(Id, owner.Id, actor.Name, now, unlocked);
        _approvals.Add(approval);
        return approval;
    }
}
