using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.ServicePlans;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <summary>Which units a plan charges for, with the plan's version the form was loaded with (R19).</summary>
public sealed class ChargingPolicyInput
{
    [Display(Name = "Charging policy")]
    public ChargingPolicy? ChargingPolicy { get; set; }

    public int Version { get; set; }
}

/// <summary>Only that a policy was chosen: which policies exist is <see cref="ServicePlan.SetChargingPolicy"/>'s rule.</summary>
public sealed class ChargingPolicyInputValidator : AbstractValidator<ChargingPolicyInput>
{
    public ChargingPolicyInputValidator()
    {
        RuleFor(i => i.ChargingPolicy).NotNull().WithMessage("Choose Provisioned, the greater of provisioned and used, or Used.");
    }
}

/// <summary>
/// R24: the provider sets the charging policy of every plan it bills: its own and its partners' (the policy decides what a
/// partner owes, so a partner reads it and does not set it). A plan the caller cannot see is not found. R19: saved only over
/// the version the form was loaded with. This month's estimate and later months use the new policy; months already closed keep their lines. Audited as "ChargingPolicyChanged".
/// </summary>
public sealed class SetChargingPolicy(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<ChargingPolicyInput> validator)
{
    public async Task<Result> HandleAsync(Guid planId, ChargingPolicyInput input, CancellationToken cancellationToken = default)
    {
        var plan = await db.PricedPlans(user).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return await UseCase.RunAsync(async () =>
        {
            if (user.CompanyType != CompanyType.Provider)
            {
                throw new DomainRuleViolation("R24", "Your provider sets which units a plan charges for: it decides what you are billed.");
            }

            db.ExpectVersion(plan, input.Version);
            var before = plan.ChargingPolicy;
            plan.SetChargingPolicy(input.ChargingPolicy!.Value);
            if (plan.ChargingPolicy == before)
            {
                // Nothing to save, so no save checks the version: a form older than the plan is still refused (R19).
                return plan.Version == input.Version ? Result.Ok($"{plan.Name} already charges for {Describe(before)}.") : Result.Conflict();
            }

            db.AuditEntries.Add(AuditEntry.Record(
                "ChargingPolicyChanged", nameof(ServicePlan), plan.Id.ToString(), plan.OwnerId, user.Actor, clock.GetUtcNow(), Describe(before), Describe(plan.ChargingPolicy)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{plan.Name} now charges for {Describe(plan.ChargingPolicy)}: this month's estimate and later months use it; months already closed keep their lines.");
        });
    }

    /// <summary>"the units provisioned", as the policy reads in a sentence.</summary>
    public static string Describe(ChargingPolicy policy) => policy switch
    {
        ChargingPolicy.Provisioned => "the units provisioned",
        ChargingPolicy.GreaterOfProvisionedAndUsed => "the greater of the units provisioned and used",
        ChargingPolicy.Used => "the units used",
    };
}
