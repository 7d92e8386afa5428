using LicensingPortal.Application.SignInPolicies;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SignInPolicies;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LicensingPortal.Infrastructure.Security;

/// <summary>
/// Refuses sign-in to disabled accounts (R15) and to every account of a canceled partner (R11).
/// The refusal looks like any other failed sign-in: nothing tells an attacker the account exists.
/// R26: while a company's sign-in policy requires single sign-on, a right password signs in only its break-glass
/// administrator (who has two-factor); anyone else is told, once the password was right, to use single sign-on.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    PortalDbContext db,
    SignInPolicyLookup policies)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PortalUser user)
    {
        if (user.IsDisabled)
        {
            return false;
        }

        var status = await db.Companies.AsNoTracking().Where(c => c.Id == user.CompanyId).Select(c => c.Status).SingleOrDefaultAsync();
        return Company.AllowsSignIn(status) && await base.CanSignInAsync(user);
    }

    public override async Task<SignInResult> PasswordSignInAsync(PortalUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        var attempt = await CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (!attempt.Succeeded)
        {
            return attempt;
        }

        // R26: single sign-on covers a company's own staff; a customer's own users (R25) are not in its identity provider.
        if (user.CustomerId is null
            && await policies.InForceAsync(db, user.CompanyId) is { } policy
            && !SignInPolicy.AllowsPasswordSignIn(policy, user.Id, user.TwoFactorEnabled))
        {
            Logger.LogInformation("Password sign-in of user {UserId} refused: the company's sign-in policy requires single sign-on", user.Id);
            return SingleSignOnRequired.Instance;
        }

        return await SignInOrTwoFactorAsync(user, isPersistent);
    }
}

/// <summary>R26: the password was right, but the user's company signs its users in through single sign-on.</summary>
public sealed class SingleSignOnRequired : SignInResult
{
    public static readonly SingleSignOnRequired Instance = new();

    private SingleSignOnRequired()
    {
        IsNotAllowed = true;
    }
}
