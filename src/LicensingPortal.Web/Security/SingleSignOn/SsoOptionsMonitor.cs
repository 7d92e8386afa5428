using System.Collections.Concurrent;
using LicensingPortal.Application.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LicensingPortal.Web.Security.SingleSignOn;

/// <summary>
/// R26: the options of the one OpenID Connect scheme, per company. A company's options (and with them its own
/// ConfigurationManager, which caches the provider's discovery document and keys) are built once per version of its
/// registration and kept; a request that is not for single sign-on gets options that reach no provider.
/// </summary>
public sealed class SsoOptionsMonitor(
    IHttpContextAccessor accessor,
    IEnumerable<IConfigureOptions<OpenIdConnectOptions>> configure,
    IEnumerable<IPostConfigureOptions<OpenIdConnectOptions>> postConfigure,
    IDataProtectionProvider dataProtection,
    TimeProvider clock) : IOptionsMonitor<OpenIdConnectOptions>
{
    private readonly ConcurrentDictionary<Guid, (int Version, OpenIdConnectOptions Options)> _companies = new();
    private OpenIdConnectOptions? _none;

    /// <summary>
    /// How the state is protected, the same for every company: the company is read from it before its options are
    /// chosen. The purposes are the handler's own defaults, so a state is readable by this scheme alone.
    /// </summary>
    public ISecureDataFormat<AuthenticationProperties> State { get; } =
        new PropertiesDataFormat(dataProtection.CreateProtector(typeof(OpenIdConnectHandler).FullName!, SsoAuthentication.Scheme, "v1"));

    public OpenIdConnectOptions CurrentValue => Get(Options.DefaultName);

    public OpenIdConnectOptions Get(string? name) =>
        accessor.HttpContext?.Items[SsoAuthentication.ConnectionKey] is SsoConnection connection
            ? For(connection)
            : _none ??= Build(name ?? SsoAuthentication.Scheme, null);

    public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => null;

    private OpenIdConnectOptions For(SsoConnection connection)
    {
        var cached = _companies.AddOrUpdate(
            connection.CompanyId,
            _ => (connection.Version, Build(SsoAuthentication.Scheme, connection)),
            (_, existing) => existing.Version == connection.Version ? existing : (connection.Version, Build(SsoAuthentication.Scheme, connection)));
        return cached.Options;
    }

    private OpenIdConnectOptions Build(string name, SsoConnection? connection)
    {
        var options = new OpenIdConnectOptions();
        foreach (var step in configure)
        {
            if (step is IConfigureNamedOptions<OpenIdConnectOptions> named)
            {
                named.Configure(name, options);
            }
            else
            {
                step.Configure(options);
            }
        }

        options.StateDataFormat = State;
        if (connection is null)
        {
            // No provider: a callback whose state names no (enabled) company fails in the handler and lands on the sign-in page.
            options.ClientId = "none";
            options.Configuration = new OpenIdConnectConfiguration();
        }
        else
        {
            var issuer = new Uri(connection.Issuer);
            options.ClientId = connection.ClientId;
            options.ClientSecret = connection.ClientSecret;
            options.MetadataAddress = connection.Issuer.TrimEnd('/') + "/.well-known/openid-configuration";
            options.RequireHttpsMetadata = issuer.Scheme == Uri.UriSchemeHttps;

            // The token's issuer must be exactly the registered one: the handler would also accept whatever the
            // discovery document names. The audience is the client id (the handler's default).
            options.TokenValidationParameters.ValidIssuer = connection.Issuer;
            options.TokenValidationParameters.IssuerValidator = (tokenIssuer, _, _) => string.Equals(tokenIssuer, connection.Issuer, StringComparison.Ordinal)
                ? tokenIssuer
                : throw new SecurityTokenInvalidIssuerException($"The token's issuer {tokenIssuer} is not the registered issuer {connection.Issuer}.") { InvalidIssuer = tokenIssuer };
        }

        // The token's lifetime is read on the portal's clock (tests move it); the correlation and nonce cookies'
        // expiry stays on the system clock, because the browser that keeps them reads that one.
        options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (expires is null || now > expires.Value + parameters.ClockSkew)
            {
                throw new SecurityTokenExpiredException($"The ID token expired at {expires:u}; the portal's time is {now:u}.") { Expires = expires ?? DateTime.MinValue };
            }

            return notBefore is null || notBefore.Value - parameters.ClockSkew <= now
                ? true
                : throw new SecurityTokenNotYetValidException($"The ID token is not valid before {notBefore:u}; the portal's time is {now:u}.") { NotBefore = notBefore.Value };
        };

        foreach (var step in postConfigure)
        {
            step.PostConfigure(name, options);
        }

        options.Validate(name);
        return options;
    }

    /// <summary>What every company's options share (the registration's configure step).</summary>
    internal static void ConfigureShared(OpenIdConnectOptions options, IHostEnvironment environment)
    {
        options.CallbackPath = SsoAuthentication.CallbackPath;
        options.SignInScheme = IdentityConstants.ExternalScheme;

        // Code flow with PKCE; the answer comes back in the query (a top-level GET), so SameSite=Lax cookies survive it.
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("email");
        options.Scope.Add("profile");

        // The ID token says who the user is; the portal keeps no token of the provider's and calls none of its APIs.
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        options.MapInboundClaims = false;
        options.TimeProvider = TimeProvider.System;
        options.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
        options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(2);
        options.TokenValidationParameters.NameClaimType = "name";

        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = secure;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = secure;
        options.Events = SsoAuthentication.Events();
    }
}
