using LicensingPortal.Domain.Partners;
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
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    PortalDbContext db)
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
}
