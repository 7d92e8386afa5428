using LicensingPortal.Application.Common;
using LicensingPortal.Application.Partners;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SignInPolicies;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SignInPolicies;

/// <summary>
/// R26, the sign-in policy page: a company's policy as its administrators set it (their own company's, or a provider's
/// for one of its partners), with the policy in force and where each setting comes from. Any other company is not found (R1).
/// </summary>
public sealed class GetSignInPolicy(IPortalDbContext db, ICurrentUser user, SignInPolicyLookup lookup, IPartnerAccounts accounts, ICompanySsoDirectory sso)
{
    public async Task<SignInPolicyView?> HandleAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var company = await SignInPolicyOwner.FindAsync(db, user, companyId, cancellationToken);
        if (company is null)
        {
            return null;
        }

        var chain = await lookup.ChainAsync(db, companyId, cancellationToken);
        var own = await db.SignInPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.CompanyId == companyId, cancellationToken);
        var administrators = (await accounts.ListAsync(companyId, cancellationToken))
            .Where(a => !a.Disabled && a.Roles.Contains(Roles.Administrator))
            .Select(a => new BreakGlassCandidate(a.Id, a.Name, a.Email, a.TwoFactorEnabled))
            .ToList();
        var editable = company.Allows(PartnerArea.Profile);
        return new SignInPolicyView(
            company.Id,
            company.Name,
            company.IsProvider,
            editable,
            editable ? null : company.StatusRefusal,
            EffectiveSignInPolicy.Along(chain.Select(c => c.Link).ToList(), own?.BreakGlassAdministratorId),
            chain.Count > 1 ? EffectiveSignInPolicy.Along(chain.Take(chain.Count - 1).Select(c => c.Link).ToList()) : null,
            own?.Settings,
            own?.BreakGlassAdministratorId,
            own?.Version ?? 0,
            await sso.HasEnabledProviderAsync(companyId, cancellationToken),
            administrators);
    }
}
