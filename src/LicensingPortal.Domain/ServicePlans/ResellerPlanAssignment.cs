using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Domain.ServicePlans;

/// <summary>R14: a provider's plan assigned to one of its resellers.</summary>
public sealed class ResellerPlanAssignment
{
    private ResellerPlanAssignment()
    {
    }

    public Guid ResellerId { get; private set; }

    public Guid ServicePlanId { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    /// <summary>
    /// Assign Service Plan (R14): the provider's own, sellable, unlocked plan, once. <paramref name="assigned"/> is
    /// what the reseller already has (any other assignments given are ignored).
    /// </summary>
    public static ResellerPlanAssignment Assign(Company provider, Company reseller, ServicePlan plan, IEnumerable<ResellerPlanAssignment> assigned, DateTimeOffset now)
    {
        if (reseller.Type != CompanyType.Reseller)
        {
            throw new DomainRuleViolation("R14", "Service plans are assigned to resellers only; an MSP builds its own.");
        }

        if (reseller.ProviderId != provider.Id)
        {
            throw new DomainRuleViolation("R1", "This reseller belongs to another provider.");
        }

        reseller.EnsureAllows(PartnerArea.ServicePlans);
        if (plan.OwnerId != provider.Id)
        {
            throw new DomainRuleViolation("R14", "Only the provider's own plans can be assigned to a reseller.", "ServicePlanId");
        }

        plan.EnsureAssignable();
        if (assigned.Any(a => a.ResellerId == reseller.Id && a.ServicePlanId == plan.Id))
        {
            throw new DomainRuleViolation("R14", $"{plan.Name} is already assigned to {reseller.Name}.", "ServicePlanId");
        }

        return new ResellerPlanAssignment { ResellerId = reseller.Id, ServicePlanId = plan.Id, AssignedAt = now };
    }

    /// <summary>R14: removal leaves the plan on customers who already have it.</summary>
    public static void EnsureRemovable(Company reseller)
    {
        if (reseller.Type != CompanyType.Reseller)
        {
            throw new DomainRuleViolation("R14", "Service plans are assigned to resellers only; an MSP builds its own.");
        }

        reseller.EnsureAllows(PartnerArea.ServicePlans);
    }
}
