using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SingleSignOn;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SingleSignOn;

/// <summary>
/// R26, for the sign-in page and the sign-in policy: which company's identity provider an email signs in with (home-realm
/// discovery by the email's domain), and what the OpenID Connect handler needs to reach it.
/// </summary>
public interface ICompanySso
{
    /// <summary>The company whose enabled provider signs in users of this email's domain; null when none does.</summary>
    Task<SsoRealm?> FindForEmailAsync(string? email, CancellationToken cancellationToken = default);

    /// <summary>A company's enabled provider, its secret unprotected; null when it has none or it is turned off.</summary>
    Task<SsoConnection?> FindConnectionAsync(Guid companyId, CancellationToken cancellationToken = default);
}

/// <inheritdoc cref="ICompanySso"/>
public sealed class CompanySso(IPortalDbContext db, ISsoSecrets secrets) : ICompanySso, SignInPolicies.ICompanySsoDirectory
{
    /// <summary>R26, for the sign-in policy's "single sign-on required": whether the company has its provider turned on.</summary>
    public Task<bool> HasEnabledProviderAsync(Guid companyId, CancellationToken cancellationToken) =>
        db.CompanyIdentityProviders.AnyAsync(p => p.CompanyId == companyId && p.Enabled, cancellationToken);

    public async Task<SsoRealm?> FindForEmailAsync(string? email, CancellationToken cancellationToken = default)
    {
        if (CompanyIdentityProvider.DomainOf(email) is not { } domain)
        {
            return null;
        }

        return await (from d in db.IdentityProviderDomains
                      join p in db.CompanyIdentityProviders on d.CompanyId equals p.CompanyId
                      join c in db.Companies on p.CompanyId equals c.Id
                      where d.Domain == domain && p.Enabled && c.Status != PartnerStatus.Canceled
                      select new SsoRealm(c.Id, c.Name))
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<SsoConnection?> FindConnectionAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var provider = await db.CompanyIdentityProviders.AsNoTracking()
            .Where(p => p.CompanyId == companyId && p.Enabled)
            .Select(p => new { p.Issuer, p.ClientId, p.ProtectedClientSecret, p.Version })
            .SingleOrDefaultAsync(cancellationToken);
        return provider is null ? null : new SsoConnection(companyId, provider.Issuer, provider.ClientId, secrets.Unprotect(provider.ProtectedClientSecret), provider.Version);
    }
}
