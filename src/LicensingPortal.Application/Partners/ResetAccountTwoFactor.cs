using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Partners;

/// <summary>Accounts tab › Reset two-factor (R15): a new authenticator key, two-factor off until the user sets it up again.</summary>
public sealed class ResetAccountTwoFactor(IPortalDbContext db, ICurrentUser user, IPartnerAccounts accounts, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, Guid userId, CancellationToken cancellationToken = default)
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
            AccountRules.Audit(db, user, partner, "AccountTwoFactorReset", userId, account.TwoFactorEnabled ? "Two-factor on" : "Two-factor off", "Two-factor off, authenticator key reset", clock.GetUtcNow());
            var result = await accounts.ResetTwoFactorAsync(partner.Id, userId, cancellationToken);
            return result.Succeeded ? Result.Ok($"Two-factor sign-in of {account.Name} was reset.") : result;
        });
    }
}
