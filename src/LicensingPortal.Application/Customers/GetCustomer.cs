using LicensingPortal.Application.Common;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Customers;

public sealed record CustomerLicenseRow(
    Guid Id,
    string PlanName,
    string ProductName,
    string ServiceLevel,
    LicenseType LicenseType,
    int Units,
    DateOnly ExpiresOn,
    LicenseStatus Status,
    bool AutoRenew,
    int? AutoRenewMonths,
    DateOnly? PendingChangeOn,
    Lifecycle Lifecycle,
    bool Locked);

/// <summary>A plan the Assign form offers: why it cannot be chosen (R4, R5, R12), and the units free in its pool.</summary>
public sealed record PlanChoice(Guid Id, string Name, string ProductName, LicenseType LicenseType, int UnitsPerLicense, string? Refusal, int? UnitsFree = null);

/// <summary>
/// A customer with its licenses. <see cref="OwnerAllowsChanges"/> is what the owner's status allows (R11,
/// <see cref="Company.Allows"/>): the page offers changes only then, and shows <see cref="OwnerRefusal"/> otherwise.
/// </summary>
public sealed record CustomerDetail(
    Guid Id,
    string Name,
    string? ContactEmail,
    string Country,
    Guid OwnerId,
    string OwnerName,
    CompanyType OwnerType,
    PartnerStatus OwnerStatus,
    string OwnerRefusal,
    int Version,
    IReadOnlyList<CustomerLicenseRow> Licenses,
    IReadOnlyList<PlanChoice> AssignablePlans,
    [property: System.Text.Json.Serialization.JsonIgnore] bool OwnerAllowsChanges);

/// <summary>Customers › {customer} › Licenses tab: the customer's licenses with status (R8) and pending changes (R7).</summary>
public sealed class GetCustomer(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>R1 first: whether the customer (and the license, if given) is the caller's to see, before any input is judged.</summary>
    public Task<bool> IsVisibleAsync(Guid customerId, Guid? licenseId = null, CancellationToken cancellationToken = default) =>
        licenseId is { } id
            ? db.VisibleLicenses(user).AnyAsync(l => l.Id == id && l.CustomerId == customerId, cancellationToken)
            : db.VisibleCustomers(user).AnyAsync(c => c.Id == customerId, cancellationToken);

    public async Task<CustomerDetail?> HandleAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var customer = await db.VisibleCustomers(user).AsNoTracking().Include(c => c.Owner)
            .SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var licenses = await LicenseListFacts.QueryAsync(db, db.CustomerLicenses.Where(l => l.CustomerId == customerId), cancellationToken);

        var plans = await db.PlansUsableBy(customer.Owner).AsNoTracking().Include(p => p.Product)
            .OrderBy(p => p.Product.Name).ThenBy(p => p.Name)
            .ToListAsync(cancellationToken);
        var pools = await db.PoolsOfAsync(customer.Owner, cancellationToken, tracked: false);

        return new CustomerDetail(
            customer.Id,
            customer.Name,
            customer.ContactEmail,
            customer.Country,
            customer.OwnerId,
            customer.Owner.Name,
            customer.Owner.Type,
            customer.Owner.Status,
            customer.Owner.StatusRefusal,
            customer.Version,
            licenses.Select(l => new CustomerLicenseRow(
                l.Id, l.PlanName, l.ProductName, l.Level ?? string.Empty, l.LicenseType, l.Units, l.ExpiresOn,
                l.StatusOn(today), l.AutoRenew, l.AutoRenewMonths, l.Pending?.ApplyOn,
                LifecycleText.Latest(l.PlanLifecycle, l.ProductLifecycle), l.Locked)).ToList(),
            plans.Select(p =>
            {
                var (poolRefusal, free) = LicensePool.Availability(pools(p), customer.Owner);
                return new PlanChoice(p.Id, p.Name, p.Product.Name, p.LicenseType, p.UnitsPerLicense, p.AssignmentRefusal() ?? poolRefusal, free);
            }).ToList(),
            customer.Owner.Allows(PartnerArea.Customers));
    }
}
