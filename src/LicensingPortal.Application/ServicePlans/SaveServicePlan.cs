using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.ServicePlans;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.ServicePlans;

/// <summary>
/// Creates a plan, or edits one of the caller's plans (R4: not an End of Sale/Life one; R5: not a locked one).
/// Names are unique per owner, case-insensitive: checked here first, and the unique index's refusal
/// (two people saving the same name at once) becomes the same field message. Customers' licenses are
/// never touched by an edit.
/// </summary>
public sealed class SaveServicePlan(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<ServicePlanInput> validator)
{
    public async Task<Result<Guid>> HandleAsync(Guid? id, ServicePlanInput input, CancellationToken cancellationToken = default)
    {
        var owner = await db.Companies.SingleAsync(c => c.Id == user.CompanyId, cancellationToken);
        ServicePlan? plan = null;
        if (id is { } planId)
        {
            plan = await db.ServicePlans.Include(p => p.Product).SingleOrDefaultAsync(p => p.Id == planId && p.OwnerId == owner.Id, cancellationToken);
            if (plan is null)
            {
                return Result<Guid>.From(Result.NotFound());
            }
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<Guid>.From(invalid);
        }

        var normalized = (input.Name ?? string.Empty).Trim().ToUpperInvariant();
        if (await NameTakenAsync(owner.Id, normalized, plan?.Id, cancellationToken))
        {
            return Invalid(nameof(ServicePlanInput.Name), NameTakenMessage(input.Name));
        }

        try
        {
            // A refusal or a lost race through the one runner; the unique index below is this use case's own.
            return await UseCase.RunAsync<Guid>(async () =>
            {
                var definition = new ServicePlanDefinition(
                    input.Name ?? string.Empty,
                    input.ServiceLevelId ?? Guid.Empty,
                    input.LicenseType,
                    new LicensePeriod(input.PeriodLength ?? 0, input.PeriodUnit),
                    input.UnitsPerLicense ?? 0,
                    input.AutoRenewDefault,
                    input.AddOnAvailable);
                var now = clock.GetUtcNow();
                string? before = null;
                if (plan is null)
                {
                    var product = await db.Products.SingleOrDefaultAsync(p => p.Id == input.ProductId, cancellationToken);
                    if (product is null)
                    {
                        return Invalid(nameof(ServicePlanInput.ProductId), "Choose a product.");
                    }

                    // An MSP sells what its provider licensed to it: plans only from products in its license pool.
                    if (owner.Type != CompanyType.Provider
                        && !await db.LicensePools.AnyAsync(p => p.PartnerId == owner.Id && p.ProductId == product.Id, cancellationToken))
                    {
                        return Invalid(nameof(ServicePlanInput.ProductId), $"{owner.Name} has no licenses of {product.Name} in its license pool: plans can only be built from licensed products.");
                    }

                    plan = ServicePlan.Create(owner, product, definition, now);
                    db.ServicePlans.Add(plan);
                }
                else if (input.ProductId is { } productId && productId != plan.ProductId)
                {
                    // The form does not offer it; customers' licenses are bound to the plan's product.
                    return Invalid(nameof(ServicePlanInput.ProductId), "A plan's product cannot be changed: create a new plan for the other product.");
                }
                else
                {
                    db.ExpectVersion(plan, input.Version);
                    before = Describe(plan);
                    plan.Edit(owner, definition);
                }

                db.AuditEntries.Add(AuditEntry.Record(
                    before is null ? "ServicePlanCreated" : "ServicePlanEdited", nameof(ServicePlan), plan.Id.ToString(), owner.Id, user.Actor, now, before, Describe(plan)));
                await db.SaveChangesAsync(cancellationToken);
                return Result<Guid>.Ok(plan.Id);
            });
        }
        catch (DbUpdateException)
        {
            // Someone saved the same name between our check and our save: the unique index refused it.
            if (await NameTakenAsync(owner.Id, normalized, id, CancellationToken.None))
            {
                return Invalid(nameof(ServicePlanInput.Name), NameTakenMessage(input.Name));
            }

            throw;
        }
    }

    private static string NameTakenMessage(string? name) => $"You already have a service plan named \"{name?.Trim()}\". Plan names are unique (ignoring case).";

    private static Result<Guid> Invalid(string field, string message) =>
        Result<Guid>.From(Result.Invalid(new Dictionary<string, string[]> { [field] = [message] }));

    private static string Describe(ServicePlan p) =>
        $"{p.Name}; {p.Product.Name} {p.Product.Level(p.ServiceLevelId).Name}; {p.LicenseType}; {p.Period}; {p.UnitsPerLicense} units; auto-renew {(p.AutoRenewDefault ? "on" : "off")}; add-on {(p.AddOnAvailable ? "available" : "not available")}";

    private async Task<bool> NameTakenAsync(Guid ownerId, string normalizedName, Guid? exceptId, CancellationToken cancellationToken)
    {
        // A fresh query, not the change tracker: after a failed insert the tracked plan is still "Added".
        return normalizedName.Length > 0 && await db.ServicePlans.AsNoTracking()
            .AnyAsync(p => p.OwnerId == ownerId && p.NormalizedName == normalizedName && p.Id != exceptId, cancellationToken);
    }
}
