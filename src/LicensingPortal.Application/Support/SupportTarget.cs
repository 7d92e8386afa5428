using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Support;

/// <summary>
/// R26: a company a provider's support may view: one of its partners, or a customer it sees (its own or a partner's).
/// <see cref="AuditCompanyId"/> is where the session's audit entries belong: the partner, or the customer's owner.
/// </summary>
public sealed record SupportTarget(Guid CompanyId, CompanyType CompanyType, string Name, Guid AuditCompanyId)
{
    /// <summary>The target with this id, if the user is a provider's (not already in a session) and sees it (R1); null otherwise.</summary>
    internal static async Task<SupportTarget?> FindAsync(IPortalDbContext db, ICurrentUser user, Guid companyId, CancellationToken cancellationToken)
    {
        if (user.CompanyType != CompanyType.Provider || user.SupportSessionId is not null)
        {
            return null;
        }

        var partner = await db.VisiblePartners(user).Where(c => c.Id == companyId)
            .Select(c => new SupportTarget(c.Id, c.Type, c.Name, c.Id))
            .SingleOrDefaultAsync(cancellationToken);
        return partner ?? await db.VisibleCustomers(user).Where(c => c.Id == companyId)
            .Select(c => new SupportTarget(c.Id, CompanyType.Customer, c.Name, c.OwnerId))
            .SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>R26: the start form's company (404 when the user may not view it).</summary>
public sealed class GetSupportTarget(IPortalDbContext db, ICurrentUser user)
{
    public Task<SupportTarget?> HandleAsync(Guid companyId, CancellationToken cancellationToken = default) =>
        SupportTarget.FindAsync(db, user, companyId, cancellationToken);
}
