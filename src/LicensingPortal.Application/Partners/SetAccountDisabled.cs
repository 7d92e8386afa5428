using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Partners;

/// <summary>Accounts tab › Disable / Enable (R15). A disabled user's open session ends within the security-stamp interval.</summary>
public sealed class SetAccountDisabled(IPortalDbContext db, ICurrentUser user, IPartnerAccounts accounts, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, Guid userId, bool disabled, CancellationToken cancellationToken = default)
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
            AccountRules.Audit(db, user, partner, disabled ? "AccountDisabled" : "AccountEnabled", userId,
                account.Disabled ? "Disabled" : "Enabled", disabled ? "Disabled" : "Enabled", clock.GetUtcNow());
            var result = await accounts.SetDisabledAsync(partner.Id, userId, disabled, cancellationToken);
            return result.Succeeded
                ? Result.Ok(disabled ? $"{account.Name} can no longer sign in." : $"{account.Name} can sign in again.")
                : result;
        });
    }
}
