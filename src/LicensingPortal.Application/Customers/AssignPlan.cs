using LicensingPortal.Application.Common;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Licenses;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Customers;

/// <summary>
/// A new purchase: assigns a service plan to a customer. Refused for plans the owner may not use (404),
/// End of Sale / End of Life (R4), locked (R5), an owner that is not active (R11), too few pool units (R12).
/// </summary>
public sealed class AssignPlan(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid customerId, Guid planId, int? units, CancellationToken cancellationToken = default)
    {
        var customer = await db.VisibleCustomers(user).Include(c => c.Owner).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return Result.NotFound();
        }

        var plan = await db.PlansUsableBy(customer.Owner).Include(p => p.Product).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Result.Refused(new Domain.Common.DomainRuleViolation("R1", "Choose one of the service plans listed.", "ServicePlanId"));
        }

        return await UseCase.RunAsync(async () =>
        {
            var pools = await db.PoolsOfAsync(customer.Owner, cancellationToken);
            var (license, transaction) = CustomerLicense.Purchase(customer, plan, units, pools(plan), user.Actor, clock.GetUtcNow());
            db.CustomerLicenses.Add(license);
            db.LicenseTransactions.Add(transaction);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{plan.Name} assigned to {customer.Name}: {license.Units:N0} units until {license.ExpiresOn:yyyy-MM-dd}.");
        });
    }
}
