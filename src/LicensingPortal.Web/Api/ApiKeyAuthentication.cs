using System.Security.Claims;
using System.Text.Encodings.Web;
using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LicensingPortal.Web.Api;

/// <summary>
/// Authenticates /api requests by API key (docs/adr/0009): <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key</c>. The principal carries the key's company and role exactly as a signed-in user's cookie
/// does, so permissions (the one matrix) and tenancy (TenantScope) apply unchanged. Cookies are never
/// read on /api, so a browser cannot be tricked into an API POST (no CSRF).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PortalDbContext db,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The key's id, on the principal: the rate limit and idempotency records are per key.</summary>
    public const string KeyIdClaim = "lp:api_key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadSecret(Request);
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!secret.StartsWith(ApiKey.SecretPrefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        var hash = ApiKey.Hash(secret);
        var found = await db.ApiKeys.AsNoTracking()
            .Join(db.Companies, k => k.CompanyId, c => c.Id, (k, c) => new { Key = k, c.Name, c.Type, c.Status })
            .SingleOrDefaultAsync(k => k.Key.SecretHash == hash, Context.RequestAborted);

        // A canceled partner's accounts lose access (R11): so do its keys.
        if (found is null || found.Key.IsRevoked || found.Status == PartnerStatus.Canceled)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        // Read untracked (every API request passes here); tracked only for the at-most-once-a-minute write,
        // then let go, so the request's use case starts from a clean unit of work.
        var key = found.Key;
        db.Attach(key);
        if (key.MarkUsed(clock.GetUtcNow()))
        {
            try
            {
                await db.SaveChangesAsync(Context.RequestAborted);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another request of the same key recorded its use first: that is the same fact.
            }
        }

        db.Entry(key).State = EntityState.Detached;

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, key.Id.ToString()),
                new Claim(ClaimTypes.Name, $"API key {key.Name}"),
                new Claim(PortalClaims.DisplayName, $"API key {key.Name}"),
                new Claim(PortalClaims.CompanyId, key.CompanyId.ToString()),
                new Claim(PortalClaims.CompanyType, found.Type.ToString()),
                new Claim(PortalClaims.CompanyName, found.Name),
                new Claim(ClaimTypes.Role, key.Role),
                new Claim(KeyIdClaim, key.Id.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"LicensingPortal API\"";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "API key required",
            "Send a valid, unrevoked API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'. Keys are created on the API Keys page.", "R21");
    }

    /// <summary>R1: what the key's role may not do answers 404, as it does in the pages, never 403.</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status404NotFound, "Not found", "Not found.", "R1");

    private static string? ReadSecret(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers[HeaderName].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }
}
