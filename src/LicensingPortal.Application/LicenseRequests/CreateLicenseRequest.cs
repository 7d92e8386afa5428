using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.LicenseRequests;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.LicenseRequests;

/// <summary>
/// R25: a customer's user asks for a change on one of its licenses (<c>/my/licenses/{id}/requests/new</c>, or the API).
/// It lands in the owner's queue; the audit entry it writes is what the owner's notification and the
/// <c>license_request.created</c> webhook are made from.
/// </summary>
public sealed class CreateLicenseRequest(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<LicenseRequestInput> validator)
{
    public const string CreatedAction = "LicenseRequestCreated";

    public async Task<Result<Guid>> HandleAsync(Guid licenseId, LicenseRequestInput input, CancellationToken cancellationToken = default)
    {
        if (!user.Can(Permission.RequestLicenseChanges))
        {
            return Result<Guid>.From(Result.NotFound());
        }

        var license = await db.VisibleLicenses(user).WithChangeGraph().SingleOrDefaultAsync(l => l.Id == licenseId, cancellationToken);
        if (license is null)
        {
            return Result<Guid>.From(Result.NotFound());
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<Guid>.From(invalid);
        }

        return await UseCase.RunAsync(async () =>
        {
            var plan = input.Kind == LicenseRequestKind.ServicePlan && input.ServicePlanId is { } planId
                ? await db.PlansUsableBy(license.Customer.Owner).Include(p => p.Product).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
                : null;
            var open = await db.LicenseRequests.FirstOrDefaultAsync(r => r.LicenseId == license.Id && r.State == LicenseRequestState.Open, cancellationToken);
            var now = clock.GetUtcNow();
            var request = LicenseRequest.Create(license, input.Kind, input.Units, input.AutoRenew, plan, input.Comment, open, user.Actor, now);
            db.LicenseRequests.Add(request);
            db.AuditEntries.Add(AuditEntry.Record(
                CreatedAction, nameof(LicenseRequest), request.Id.ToString(), request.CompanyId, user.Actor, now, null,
                $"{license.Customer.Name}, {license.Plan.Name}: {request.Summary}"));
            await db.SaveChangesAsync(cancellationToken);
            return Result<Guid>.Ok(request.Id);
        });
    }
}
