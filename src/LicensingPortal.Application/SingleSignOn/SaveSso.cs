using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SingleSignOn;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SingleSignOn;

/// <summary>
/// R26: a company's administrators register its OpenID Connect provider, or change it. Everything is checked before
/// anything is saved; the secret is protected before it is stored and only replaced when a new one is typed; each email
/// domain belongs to one company; one save with its audit entry (never the secret); R19 through the provider's version.
/// A suspended partner may still change it, as its profile (R11); a canceled one may not.
/// </summary>
public sealed class SaveSso(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<SsoInput> validator, ISsoSecrets secrets)
{
    public async Task<Result> HandleAsync(Guid companyId, SsoInput input, CancellationToken cancellationToken = default)
    {
        var company = await SsoOwner.FindAsync(db, user, companyId, cancellationToken);
        if (company is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return await UseCase.RunAsync(async () =>
        {
            company.EnsureAllows(PartnerArea.Profile);
            var now = clock.GetUtcNow();
            var settings = new IdentityProviderSettings(input.Issuer, input.ClientId, input.Domains, input.Enabled, input.CreateAccounts, input.DefaultRole, input.GroupRoles);
            var secret = string.IsNullOrWhiteSpace(input.ClientSecret) ? null : secrets.Protect(input.ClientSecret.Trim());
            var provider = await db.CompanyIdentityProviders.Include(p => p.Domains).SingleOrDefaultAsync(p => p.CompanyId == company.Id, cancellationToken);
            var before = provider?.Describe();
            if (provider is null)
            {
                if (input.Version != 0)
                {
                    // R19: the form was read from a provider that no longer is there.
                    return Result.Conflict();
                }

                provider = CompanyIdentityProvider.Create(
                    company.Id, settings, secret ?? throw new DomainRuleViolation("R26", SsoInput.ClientSecretMissing, nameof(SsoInput.ClientSecret)), Roles.All, now);
                db.CompanyIdentityProviders.Add(provider);
            }
            else
            {
                db.ExpectVersion(provider, input.Version);
                provider.Update(settings, Roles.All, now);
                if (secret is not null)
                {
                    provider.ReplaceSecret(secret, now);
                }
            }

            var names = provider.DomainNames;
            var taken = await db.IdentityProviderDomains.Where(d => names.Contains(d.Domain) && d.CompanyId != company.Id).Select(d => d.Domain).FirstOrDefaultAsync(cancellationToken);
            if (taken is not null)
            {
                throw DomainTaken(taken);
            }

            var after = provider.Describe() + (secret is not null && before is not null ? ", client secret replaced" : string.Empty);
            db.AuditEntries.Add(AuditEntry.Record(
                before is null ? "SingleSignOnRegistered" : "SingleSignOnChanged", nameof(CompanyIdentityProvider), company.Id.ToString(), company.Id, user.Actor, now, before, after));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
            {
                // Another company registered one of the same domains at the same moment: the key kept theirs.
                throw DomainTaken(string.Join(", ", names));
            }

            return Result.Ok(before is null ? "Single sign-on was registered." : "Single sign-on was saved.");
        });
    }

    private static DomainRuleViolation DomainTaken(string domain) =>
        new("R26", $"{domain} already signs in through another company's identity provider; each email domain belongs to one company.", nameof(CompanyIdentityProvider.Domains));
}
