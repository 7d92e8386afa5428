using System.Security.Claims;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LicensingPortal.Infrastructure.Security;

/// <summary>
/// ASVS 7.4: a session ends at its next request, on every node, once its account is disabled, its roles or
/// two-factor change (each changes the security stamp) or its company is canceled (R11). One lookup by key
/// per signed-in request, read from the shared database, so no node keeps a stale answer.
/// </summary>
public sealed class SessionCheck(PortalDbContext db, IOptions<IdentityOptions> identity, ILogger<SessionCheck> logger)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var claims = identity.Value.ClaimsIdentity;
        if (!Guid.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out var userId))
        {
            return false;
        }

        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.IsDisabled, Status = db.Companies.Where(c => c.Id == u.CompanyId).Select(c => c.Status).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        var current = account is not null && !account.IsDisabled && Company.AllowsSignIn(account.Status) && account.SecurityStamp == stamp;
        if (!current)
        {
            logger.LogInformation(
                "Session of user {UserId} ended: {Reason}", userId,
                account is null ? "no such account" : account.IsDisabled ? "account disabled" : !Company.AllowsSignIn(account.Status) ? "company canceled" : "security stamp changed");
        }

        return current;
    }
}
