using System.Security.Claims;
using LicensingPortal.Application.Account;
using LicensingPortal.Application.SingleSignOn;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace LicensingPortal.Web.Security.SingleSignOn;

/// <summary>
/// R26, back from a company's identity provider with a token the handler validated: admits the user to the company
/// (<see cref="AdmitSsoUser"/>), matches the account by email or creates it (<see cref="CreateSsoAccount"/>), lets the
/// portal refuse it as it refuses a password (disabled, locked, canceled company: the portal still wins), and signs it in
/// with the portal's own cookie, the same claims as a password sign-in but the channel. Every outcome is audited.
/// </summary>
public sealed class SsoSignIn(SignInManager<PortalUser> signIn, AdmitSsoUser admit, CreateSsoAccount create, RecordSignIn record)
{
    /// <summary>Null when the user is signed in; otherwise the sentence the sign-in page shows.</summary>
    public async Task<string?> CompleteAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || SsoAuthentication.CompanyOf(external.Properties) is not { } companyId)
        {
            // No (or an expired) answer of a provider: this address was opened by hand, or a second time.
            return SsoMessages.Failed;
        }

        var identity = IdentityOf(external.Principal);
        var admitted = await admit.HandleAsync(companyId, identity, cancellationToken);
        if (!admitted.Succeeded)
        {
            await RecordFailureAsync(companyId, identity.Email, admitted.Message!, cancellationToken);
            return admitted.Message;
        }

        var admission = admitted.Value!;
        var user = await signIn.UserManager.FindByEmailAsync(admission.Email);
        if (user is null)
        {
            var created = await create.HandleAsync(admission, cancellationToken);
            if (!created.Succeeded)
            {
                await RecordFailureAsync(companyId, admission.Email, created.Message!, cancellationToken);
                return created.Message;
            }

            user = await signIn.UserManager.FindByIdAsync(created.Value!.UserId.ToString());
        }
        else if (user.CompanyId != companyId || user.CustomerId is not null)
        {
            // The email is another company's account (or a customer's own user): the provider of this company cannot vouch for it.
            await RecordFailureAsync(companyId, admission.Email, "The email is not an account of the company.", cancellationToken);
            return SsoMessages.NoAccount;
        }

        if (user is null || !await signIn.CanSignInAsync(user) || await signIn.UserManager.IsLockedOutAsync(user))
        {
            await record.HandleAsync(
                new AccountHolder(user?.Id, companyId, user?.DisplayName ?? admission.Email), SignInStep.SingleSignOn,
                new SignInOutcome(false, false, false, "The account is disabled or locked, or its company is canceled."), http.TraceIdentifier, cancellationToken);
            return SsoMessages.CannotSignIn;
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var claims = (ClaimsIdentity)principal.Identity!;
        claims.RemoveClaim(claims.FindFirst(PortalClaims.Channel));
        claims.AddClaim(new Claim(PortalClaims.Channel, PortalClaims.SsoChannel));
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        await record.HandleAsync(
            new AccountHolder(user.Id, user.CompanyId, user.DisplayName), SignInStep.SingleSignOn, new SignInOutcome(true, false, false), http.TraceIdentifier, cancellationToken);
        return null;
    }

    public Task RecordFailureAsync(Guid? companyId, string? email, string reason, CancellationToken cancellationToken) =>
        record.HandleAsync(
            new AccountHolder(null, companyId, string.IsNullOrWhiteSpace(email) ? "Single sign-on" : email), SignInStep.SingleSignOn,
            new SignInOutcome(false, false, false, reason), null, cancellationToken);

    /// <summary>
    /// The claims of the validated ID token. The email counts as verified when the provider says so: "email_verified"
    /// (OpenID Connect, Okta, Keycloak, Google), or Entra ID's "xms_edov" (the email's domain is verified by its tenant).
    /// </summary>
    internal static SsoIdentity IdentityOf(ClaimsPrincipal? principal)
    {
        bool True(string type) => string.Equals(principal?.FindFirstValue(type), "true", StringComparison.OrdinalIgnoreCase);
        return new SsoIdentity(
            principal?.FindFirstValue("email"),
            True("email_verified") || True("xms_edov"),
            principal?.FindFirstValue("name"),
            [.. principal?.FindAll("groups").Select(c => c.Value) ?? []]);
    }
}
