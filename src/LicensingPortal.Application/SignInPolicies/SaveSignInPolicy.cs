using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Partners;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SignInPolicies;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SignInPolicies;

/// <summary>
/// R26: a company's administrators set its sign-in policy; a provider's also its partners'. Each setting may be stricter
/// than the parent's policy in force, never looser (the domain's sentence names the parent). Requiring single sign-on
/// needs an enabled identity provider and one administrator with two-factor who keeps password sign-in. One save with its
/// audit entry; R19 through the policy's version; the policy applies at its users' next request on this server.
/// </summary>
public sealed class SaveSignInPolicy(
    IPortalDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<SignInPolicyInput> validator,
    SignInPolicyLookup lookup,
    IPartnerAccounts accounts,
    ICompanySsoDirectory sso)
{
    public async Task<Result> HandleAsync(Guid companyId, SignInPolicyInput input, CancellationToken cancellationToken = default)
    {
        var company = await SignInPolicyOwner.FindAsync(db, user, companyId, cancellationToken);
        if (company is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var result = await UseCase.RunAsync(async () =>
        {
            company.EnsureAllows(PartnerArea.Profile);
            var settings = input.Settings;
            var chain = await lookup.ChainAsync(db, company.Id, cancellationToken);
            var floor = chain.Count > 1 ? EffectiveSignInPolicy.Along(chain.Take(chain.Count - 1).Select(c => c.Link).ToList()) : null;
            if (settings.SsoRequired && floor?.SsoRequired.Value != true && !await sso.HasEnabledProviderAsync(company.Id, cancellationToken))
            {
                throw new DomainRuleViolation("R26", $"{company.Name} has no enabled single sign-on provider yet: register one before requiring single sign-on.", nameof(SignInPolicyInput.SsoRequired));
            }

            var breakGlass = settings.SsoRequired ? await BreakGlassAsync(company, input.BreakGlassAdministratorId, cancellationToken) : null;
            var now = clock.GetUtcNow();
            var policy = await db.SignInPolicies.SingleOrDefaultAsync(p => p.CompanyId == company.Id, cancellationToken);
            var before = policy?.Describe();
            if (policy is null)
            {
                if (input.Version != 0)
                {
                    // R19: the form was read from a policy that no longer is (or never was) there.
                    return Result.Conflict();
                }

                policy = SignInPolicy.Create(company.Id, settings, floor, breakGlass, now);
                db.SignInPolicies.Add(policy);
            }
            else
            {
                db.ExpectVersion(policy, input.Version);
                policy.Change(settings, floor, breakGlass, now);
            }

            db.AuditEntries.Add(AuditEntry.Record(
                before is null ? "SignInPolicyCreated" : "SignInPolicyChanged", nameof(SignInPolicy), company.Id.ToString(), company.Id, user.Actor, now, before, policy.Describe(breakGlass?.Name)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok("The sign-in policy was saved. It applies to every signed-in user at their next page.");
        });

        lookup.Forget();
        return result;
    }

    /// <summary>The chosen administrator: one of the company's own, enabled, with the Administrator role.</summary>
    private async Task<BreakGlassAdministrator?> BreakGlassAsync(Company company, Guid? userId, CancellationToken cancellationToken)
    {
        var account = userId is { } id ? await accounts.FindAsync(company.Id, id, cancellationToken) : null;
        if (account is null || account.Disabled || !account.Roles.Contains(Roles.Administrator))
        {
            throw new DomainRuleViolation("R26", $"Choose one of {company.Name}'s enabled administrators to keep password sign-in.", nameof(SignInPolicyInput.BreakGlassAdministratorId));
        }

        return new BreakGlassAdministrator(account.Id, account.Name, account.TwoFactorEnabled);
    }
}
