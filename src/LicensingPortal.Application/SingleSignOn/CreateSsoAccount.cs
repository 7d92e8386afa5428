using LicensingPortal.Application.Common;
using LicensingPortal.Application.Partners;
using LicensingPortal.Domain.Auditing;

namespace LicensingPortal.Application.SingleSignOn;

/// <summary>
/// R26, "create accounts on first sign-in": the company's account for a user its provider vouched for and who has none
/// yet, with the roles its groups map to or the default role, and no password (it signs in through its provider; the
/// company's administrators may still give it one through the usual set-password link). Audited with the account,
/// in the same save.
/// </summary>
public sealed class CreateSsoAccount(IPortalDbContext db, IPartnerAccounts accounts, TimeProvider clock)
{
    public async Task<Result<CreatedPartnerAccount>> HandleAsync(SsoAdmission admission, CancellationToken cancellationToken = default)
    {
        if (!admission.CreateAccounts || admission.Roles.Count == 0)
        {
            return Result<CreatedPartnerAccount>.From(Result.Refused(new Domain.Common.DomainRuleViolation("R26", SsoMessages.NoAccount)));
        }

        var now = clock.GetUtcNow();
        var account = new NewPartnerAccount(Guid.CreateVersion7(), admission.Name, admission.Email, null, admission.Roles);
        db.AuditEntries.Add(AuditEntry.Record(
            "AccountAdded", "Account", account.Id.ToString(), admission.CompanyId, new Actor(account.Id, account.Name), now,
            after: $"{account.Name} <{account.Email}>: {string.Join(", ", account.Roles)}, created on first single sign-on"));
        return await accounts.CreateAsync(admission.CompanyId, account, now, cancellationToken);
    }
}

/// <summary>R26: the sentences the sign-in page shows when single sign-on does not end in a session.</summary>
public static class SsoMessages
{
    public const string NoAccount = "Your identity provider signed you in, but you have no account of this company in the portal. Ask your administrator to add you.";

    public const string CannotSignIn = "Your identity provider signed you in, but your account in the portal cannot sign in (it is disabled or locked, or its company is canceled).";

    public const string Failed = "Single sign-on did not complete: the identity provider's answer could not be accepted. Try again, or ask your administrator.";

    public const string NotSetUp = "Single sign-on is not set up for this email's domain. Sign in with your password.";
}
