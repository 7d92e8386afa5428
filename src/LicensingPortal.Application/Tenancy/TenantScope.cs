using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Companies;
using LicensingPortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Tenancy;

/// <summary>
/// R1 in one place: what the current user's company may see. A provider sees its partners, their
/// customers and its own direct customers; a partner sees its own customers. Every query that
/// reaches another company's data goes through here, so "not yours" and "not there" look alike (404).
/// </summary>
public static class TenantScope
{
    public static IQueryable<Customer> VisibleCustomers(this IPortalDbContext db, ICurrentUser user) =>
        user.CompanyType == CompanyType.Provider
            ? db.Customers.Where(c => c.OwnerId == user.CompanyId || c.Owner.ProviderId == user.CompanyId)
            : db.Customers.Where(c => c.OwnerId == user.CompanyId);

    public static IQueryable<CustomerLicense> VisibleLicenses(this IPortalDbContext db, ICurrentUser user) =>
        user.CompanyType == CompanyType.Provider
            ? db.CustomerLicenses.Where(l => l.Customer.OwnerId == user.CompanyId || l.Customer.Owner.ProviderId == user.CompanyId)
            : db.CustomerLicenses.Where(l => l.Customer.OwnerId == user.CompanyId);

    /// <summary>The partners a provider manages; nothing for a partner.</summary>
    public static IQueryable<Company> VisiblePartners(this IPortalDbContext db, ICurrentUser user) =>
        user.CompanyType == CompanyType.Provider
            ? db.Companies.Where(c => c.ProviderId == user.CompanyId)
            : db.Companies.Where(_ => false);

    /// <summary>Companies whose data the user may see: its own and, for a provider, its partners.</summary>
    public static IQueryable<Guid> VisibleCompanyIds(this IPortalDbContext db, ICurrentUser user) =>
        db.Companies.Where(c => c.Id == user.CompanyId || c.ProviderId == user.CompanyId).Select(c => c.Id);
}
