using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SingleSignOn;

/// <summary>What a company's identity provider said about the user, from its validated ID token.</summary>
public sealed record SsoIdentity(string? Email, bool EmailVerified, string? Name, IReadOnlyList<string> Groups);

/// <summary>The user the provider vouched for, admitted to the company: the account to match, or to create with <see cref="Roles"/>.</summary>
public sealed record SsoAdmission(Guid CompanyId, string Email, string Name, bool CreateAccounts, IReadOnlyList<string> Roles);

/// <summary>
/// R26, on the way back from a company's identity provider (its token already validated by the OpenID Connect handler:
/// signature, issuer, audience, lifetime, nonce): the company must still have the provider turned on and not be canceled
/// (R11), the email verified and in its domains. Whether the account exists and may sign in is Identity's to say next.
/// </summary>
public sealed class AdmitSsoUser(IPortalDbContext db)
{
    public const string UnavailableMessage = "Single sign-on is not available for this company. Sign in with your password, or ask your administrator.";

    public async Task<Result<SsoAdmission>> HandleAsync(Guid companyId, SsoIdentity identity, CancellationToken cancellationToken = default)
    {
        var provider = await db.CompanyIdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.CompanyId == companyId, cancellationToken);
        var status = await db.Companies.Where(c => c.Id == companyId).Select(c => (PartnerStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);
        if (provider is null || status is not { } companyStatus || !Company.AllowsSignIn(companyStatus))
        {
            return Result<SsoAdmission>.From(Refused(UnavailableMessage));
        }

        if (provider.Refusal(identity.Email, identity.EmailVerified) is { } refusal)
        {
            return Result<SsoAdmission>.From(Refused(refusal));
        }

        var email = identity.Email!.Trim();
        return Result<SsoAdmission>.Ok(new SsoAdmission(
            companyId, email, string.IsNullOrWhiteSpace(identity.Name) ? email : identity.Name.Trim(), provider.CreateAccounts, provider.RolesFor(identity.Groups)));
    }

    private static Result Refused(string message) => Result.Refused(new Domain.Common.DomainRuleViolation("R26", message));
}
