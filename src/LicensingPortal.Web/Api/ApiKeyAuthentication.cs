using System.Security.Claims;
using System.Text.Encodings.Web;
using LicensingPortal.Application.ApiKeys;
using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LicensingPortal.Web.Api;

/// <summary>
/// Authenticates /api requests by API key (docs/adr/0009): <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key</c>. The principal carries the key's company and role exactly as a signed-in user's cookie
/// does, so permissions (the one matrix) and tenancy (TenantScope) apply unchanged; a customer's own key (R25) carries
/// the customer as its company and the owner as <see cref="PortalClaims.OwnerCompanyId"/>, as a customer user's cookie does. Cookies are never
/// read on /api, so a browser cannot be tricked into an API POST (no CSRF).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthenticateApiKey authenticate) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
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

        var key = await authenticate.HandleAsync(secret, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var claims = new List<Claim>
        {
                new Claim(ClaimTypes.NameIdentifier, key.KeyId.ToString()),
                new Claim(ClaimTypes.Name, $"API key {key.KeyName}"),
                new Claim(PortalClaims.DisplayName, $"API key {key.KeyName}"),
                new Claim(PortalClaims.CompanyId, key.CompanyId.ToString()),
                new Claim(PortalClaims.CompanyType, key.CompanyType.ToString()),
                new Claim(PortalClaims.CompanyName, key.CompanyName),
                new Claim(ClaimTypes.Role, key.Role),
                new Claim(KeyIdClaim, key.KeyId.ToString()),
        };
        if (key.OwnerCompanyId is { } owner)
        {
            claims.Add(new Claim(PortalClaims.OwnerCompanyId, owner.ToString()));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
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
