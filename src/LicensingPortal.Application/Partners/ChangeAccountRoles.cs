using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Partners;

/// <summary>Accounts tab › Change roles (R15).</summary>
public sealed class ChangeAccountRoles(IPortalDbContext db, ICurrentUser user, IPartnerAccounts accounts, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, Guid userId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        var account = partner is null ? null : await accounts.FindAsync(partner.Id, userId, cancellationToken);
        if (partner is null || account is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            partner.EnsureAllows(PartnerArea.Accounts);
            AccountRules.EnsureValidRoles(roles);
            AccountRules.Audit(db, user, partner, "AccountRolesChanged", userId, string.Join(", ", account.Roles), string.Join(", ", roles), clock.GetUtcNow());
            var result = await accounts.SetRolesAsync(partner.Id, userId, roles, cancellationToken);
            return result.Succeeded ? Result.Ok($"The roles of {account.Name} were saved.") : result;
        });
    }
}
