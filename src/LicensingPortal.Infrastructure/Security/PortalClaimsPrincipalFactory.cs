using System.Security.Claims;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LicensingPortal.Infrastructure.Security;

public sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> userManager,
    RoleManager<PortalRole> roleManager,
    IOptions<IdentityOptions> options,
    PortalDbContext db,
    TimeProvider clock)
    : UserClaimsPrincipalFactory<PortalUser, PortalRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.CustomerId is { } customerId)
        {
            // R25: a customer's own user is scoped to its customer (partner- and provider-scoped queries find nothing for it).
            var customer = await db.Customers.AsNoTracking()
                .Where(c => c.Id == customerId && c.OwnerId == user.CompanyId)
                .Select(c => new { c.Name })
                .SingleAsync();
            identity.AddClaim(new Claim(PortalClaims.CompanyId, customerId.ToString()));
            identity.AddClaim(new Claim(PortalClaims.CompanyType, CompanyType.Customer.ToString()));
            identity.AddClaim(new Claim(PortalClaims.CompanyName, customer.Name));
            identity.AddClaim(new Claim(PortalClaims.OwnerCompanyId, user.CompanyId.ToString()));
        }
        else
        {
            var company = await db.Companies.AsNoTracking()
                .Where(c => c.Id == user.CompanyId)
                .Select(c => new { c.Type, c.Name })
                .SingleAsync();
            identity.AddClaim(new Claim(PortalClaims.CompanyId, user.CompanyId.ToString()));
            identity.AddClaim(new Claim(PortalClaims.CompanyType, company.Type.ToString()));
            identity.AddClaim(new Claim(PortalClaims.CompanyName, company.Name));
        }

        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(PortalClaims.SignedInAt, clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(PortalClaims.TwoFactorEnabled, user.TwoFactorEnabled ? "true" : "false"));

        // A password sign-in; a sign-in through the company's identity provider replaces it ("sso"), and a refreshed
        // principal keeps the one it had (PortalServices).
        identity.AddClaim(new Claim(PortalClaims.Channel, PortalClaims.WebChannel));
        return identity;
    }
}
