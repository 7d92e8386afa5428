using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Licenses;

/// <summary>R3: a trial license is converted to a full license of a full plan of the same product.</summary>
public sealed class ConvertTrial(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid customerId, Guid licenseId, Guid fullPlanId, int version, CancellationToken cancellationToken = default)
    {
        var license = await db.VisibleLicenses(user).LicenseForChangeAsync(customerId, licenseId, cancellationToken);
        if (license is null)
        {
            return Result.NotFound();
        }

        var plan = await db.PlansUsableBy(license.Customer.Owner).Include(p => p.Product).SingleOrDefaultAsync(p => p.Id == fullPlanId, cancellationToken);
        if (plan is null)
        {
            return Result.Refused(new Domain.Common.DomainRuleViolation("R3", "Choose one of the full plans listed.", "ServicePlanId"));
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(license, version);
            var pools = await db.PoolsOfAsync(license.Customer.Owner, cancellationToken);
            db.LicenseTransactions.Add(license.ConvertToFull(plan, pools, user.Actor, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The trial is now a full license on {plan.Name}, until {license.ExpiresOn:yyyy-MM-dd}.");
        });
    }
}
