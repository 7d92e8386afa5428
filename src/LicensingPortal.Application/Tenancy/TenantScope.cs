using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Tenancy;

/// <summary>
/// R1 in one place: what the current user's company may see. A provider sees its partners, their
/// customers and its own direct customers; a partner sees its own customers; a customer's own user (R25) sees its
/// customer and that customer's licenses, and no company at all. Every query that
/// reaches another company's data goes through here, so "not yours" and "not there" look alike (404).
/// </summary>
public static class TenantScope
{
    public static IQueryable<Customer> VisibleCustomers(this IPortalDbContext db, ICurrentUser user) => user.CompanyType switch
    {
        CompanyType.Provider => db.Customers.Where(c => c.OwnerId == user.CompanyId || c.Owner.ProviderId == user.CompanyId),
        CompanyType.Customer => db.Customers.Where(c => c.Id == user.CompanyId),
        _ => db.Customers.Where(c => c.OwnerId == user.CompanyId),
    };

    public static IQueryable<CustomerLicense> VisibleLicenses(this IPortalDbContext db, ICurrentUser user) => user.CompanyType switch
    {
        CompanyType.Provider => db.CustomerLicenses.Where(l => l.Customer.OwnerId == user.CompanyId || l.Customer.Owner.ProviderId == user.CompanyId),
        CompanyType.Customer => db.CustomerLicenses.Where(l => l.CustomerId == user.CompanyId),
        _ => db.CustomerLicenses.Where(l => l.Customer.OwnerId == user.CompanyId),
    };

    /// <summary>The partners a provider manages; nothing for a partner.</summary>
    public static IQueryable<Company> VisiblePartners(this IPortalDbContext db, ICurrentUser user) =>
        user.CompanyType == CompanyType.Provider
            ? db.Companies.Where(c => c.ProviderId == user.CompanyId)
            : db.Companies.Where(_ => false);

    /// <summary>Companies whose data the user may see: its own and, for a provider, its partners; none for a customer user.</summary>
    public static IQueryable<Guid> VisibleCompanyIds(this IPortalDbContext db, ICurrentUser user) =>
        user.CompanyType == CompanyType.Customer
            ? db.Companies.Where(_ => false).Select(c => c.Id)
            : db.Companies.Where(c => c.Id == user.CompanyId || c.ProviderId == user.CompanyId).Select(c => c.Id);

    /// <summary>
    /// The rows a user's figures count (dashboard, customers per plan): the same rows as <see cref="VisibleLicenses"/>,
    /// <see cref="VisibleCustomers"/> and <see cref="VisibleCompanyIds"/> (with those licenses' scheduled changes), in a form cheap to count. When no company
    /// in the database is outside the user's provider tree (one distributor per installation, the usual deployment), those
    /// are every row, and the counts read the tables' own indexes instead of joining each of a million licenses to its
    /// customer and owner (ADR 0012; docs/performance.md). Otherwise the filtered queries.
    /// </summary>
    public static async Task<CountingScope> CountingScopeAsync(this IPortalDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var everything = user.CompanyType == CompanyType.Provider
            && !await db.Companies.AnyAsync(c => c.Id != user.CompanyId && c.ProviderId != user.CompanyId, cancellationToken);
        if (everything)
        {
            return new CountingScope(db.CustomerLicenses, db.Customers, db.ScheduledLicenseChanges, db.LicenseTransactions);
        }

        var licenses = db.VisibleLicenses(user);
        var companies = db.VisibleCompanyIds(user);
        return new CountingScope(
            licenses,
            db.VisibleCustomers(user),
            db.ScheduledLicenseChanges.Where(c => licenses.Any(l => l.Id == c.LicenseId)),
            db.LicenseTransactions.Where(t => companies.Contains(t.CompanyId)));
    }
}

/// <summary>What <see cref="TenantScope.CountingScopeAsync"/> found the user may count.</summary>
public sealed record CountingScope(
    IQueryable<CustomerLicense> Licenses, IQueryable<Customer> Customers, IQueryable<ScheduledLicenseChange> ScheduledChanges, IQueryable<LicenseTransaction> Transactions);
