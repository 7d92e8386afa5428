using LicensingPortal.Application.Common;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.MyLicenses;

/// <summary>One of the signed-in customer's licenses as its own users see it (R25): never a pool, a price list or another customer.</summary>
public sealed record MyLicenseRow(
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
    string? PendingChange)
{
    /// <summary>R25: its price and this month's estimate, where its owner shows prices and one exists; else null.</summary>
    public MyLicensePrice? Price { get; init; }
}

/// <summary>The customer's own page: its licenses, and why nothing can be asked for now (its owner suspended, R11), or null.</summary>
public sealed record MyLicensesView(Guid CustomerId, string CustomerName, string OwnerName, string? ReadOnlyReason, IReadOnlyList<MyLicenseRow> Licenses);

/// <summary>My licenses (R25): the signed-in customer user's own licenses with plan, units, expiry, status (R8), auto-renewal and pending changes (R23).</summary>
public sealed class ListMyLicenses(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <returns>Null for anyone but a customer's own user.</returns>
    public async Task<MyLicensesView?> HandleAsync(CancellationToken cancellationToken = default)
    {
        if (user.CompanyType != CompanyType.Customer)
        {
            return null;
        }

        var customer = await db.VisibleCustomers(user).AsNoTracking().Include(c => c.Owner).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await MyLicenseRows.WithPricesAsync(db, customer, await MyLicenseRows.QueryAsync(db, db.VisibleLicenses(user), today, cancellationToken), today, cancellationToken);
        var refusal = customer.CustomerUsersRefusal;
        return new MyLicensesView(customer.Id, customer.Name, customer.Owner.Name, refusal.Length == 0 ? null : refusal, rows);
    }
}

internal static class MyLicenseRows
{
    /// <summary>R25: the rows with their prices, where the customer's owner shows them (<see cref="MyLicensePrices"/>).</summary>
    public static async Task<List<MyLicenseRow>> WithPricesAsync(IPortalDbContext db, Customer customer, List<MyLicenseRow> rows, DateOnly today, CancellationToken cancellationToken)
    {
        var prices = await MyLicensePrices.ForAsync(db, customer.Owner, customer.Id, rows.Select(r => r.Id).ToList(), today, cancellationToken);
        return rows.Select(r => r with { Price = prices.GetValueOrDefault(r.Id) }).ToList();
    }

    public static async Task<List<MyLicenseRow>> QueryAsync(IPortalDbContext db, IQueryable<CustomerLicense> licenses, DateOnly today, CancellationToken cancellationToken)
    {
        var facts = await LicenseListFacts.QueryAsync(db, licenses, cancellationToken);
        var planIds = facts.Where(f => f.Pending?.NewServicePlanId is not null).Select(f => f.Pending!.NewServicePlanId!.Value).Distinct().ToList();
        var planNames = await db.ServicePlans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

        string? Pending(LicenseSettingsChange? changes, Guid? planId, string currentPlan)
        {
            if (changes is null)
            {
                return null;
            }

            var plan = planId is { } id && planNames.TryGetValue(id, out var name) && name != currentPlan ? $"Plan → {name}" : null;
            var settings = changes.IsEmpty ? null : changes.Describe();
            return string.Join("; ", new[] { plan, settings }.Where(s => s is not null));
        }

        return facts.Select(l => new MyLicenseRow(
            l.Id, l.PlanName, l.ProductName, l.Level ?? string.Empty, l.LicenseType, l.Units, l.ExpiresOn,
            l.StatusOn(today), l.AutoRenew, l.AutoRenewMonths,
            l.Pending?.ApplyOn, Pending(l.Pending?.Changes, l.Pending?.NewServicePlanId, l.PlanName))).ToList();
    }
}
