using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace LicensingPortal.TestSupport;

/// <summary>Someone the loopback provider signs in, found by the login_hint the portal sends (the email typed on its sign-in page).</summary>
/// <param name="Email">What the ID token says the email is (a test may make it differ from the hint).</param>
public sealed record LoopbackUser(string Email, bool EmailVerified = true, string? Name = null, IReadOnlyList<string>? Groups = null)
{
    public string Subject { get; } = Guid.NewGuid().ToString("N");
}

/// <summary>
/// R26: a real OpenID provider (OpenIddict's server, in degraded mode: no database) on Kestrel at 127.0.0.1 and a free
/// port, started by the tests, so single sign-on is proven end to end over real HTTP: discovery, the authorization code
/// flow with PKCE, the token request with the client secret, signed ID tokens. Its sign-in page is the login_hint: the
/// user registered under that hint in <see cref="Users"/> is signed in at once, with no form, so tests and the browser
/// drive it without UI; an unknown hint is answered access_denied. It keeps its own clock, so a test can make its tokens
/// expired for the portal.
/// </summary>
public sealed class LoopbackOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "licensing-portal";
    public const string ClientSecret = "loopback-client-secret";

    private readonly WebApplication _app;

    private LoopbackOpenIdProvider(WebApplication app, int port, TestClock clock)
    {
        _app = app;
        Port = port;
        Clock = clock;
    }

    public int Port { get; }

    /// <summary>The issuer it names in its discovery document and its tokens.</summary>
    public string Issuer => $"http://127.0.0.1:{Port}/";

    /// <summary>The same provider reached by another name: discovery works, but its tokens' issuer is not this (a wrong issuer).</summary>
    public string OtherName => $"http://localhost:{Port}/";

    /// <summary>The provider's own clock (it starts at <see cref="TestToday.Now"/>, like the portal's).</summary>
    public TestClock Clock { get; }

    /// <summary>The users it signs in, by login_hint (case-insensitive).</summary>
    public ConcurrentDictionary<string, LoopbackUser> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The redirect URIs of the authorization requests it answered, newest last.</summary>
    public ConcurrentQueue<string> RedirectUris { get; } = new();

    public static async Task<LoopbackOpenIdProvider> StartAsync()
    {
        var port = FreePort();
        var clock = new TestClock();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
        LoopbackOpenIdProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetIssuer(new Uri($"http://127.0.0.1:{port}/"));
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.DisableTokenStorage();
            options.DisableAuthorizationStorage();
            options.Configure(o => o.TimeProvider = clock);
            options.UseAspNetCore().DisableTransportSecurityRequirement();

            // Degraded mode checks no client: these do, as a real provider would.
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }

                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "The client secret is not valid.");
                }

                return default;
            }));
            options.AddEventHandler<HandleAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                provider!.RedirectUris.Enqueue(context.Request.RedirectUri ?? string.Empty);
                if (context.Request.LoginHint is not { } hint || !provider.Users.TryGetValue(hint, out var user))
                {
                    context.Reject(Errors.AccessDenied, "No such user at the loopback provider.");
                    return default;
                }

                context.SignIn(Principal(user, context.Request.GetScopes()));
                return default;
            }));
        });

        var app = builder.Build();
        app.UseAuthentication();
        provider = new LoopbackOpenIdProvider(app, port, clock);
        await app.StartAsync();

        // Its first answers are slow (keys, JIT) on a busy machine: paid here, not inside a test's sign-in.
        using var warmUp = new HttpClient();
        await warmUp.GetStringAsync(new Uri($"http://127.0.0.1:{port}/.well-known/openid-configuration"));
        await warmUp.GetStringAsync(new Uri($"http://127.0.0.1:{port}/.well-known/jwks"));
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static ClaimsPrincipal Principal(LoopbackUser user, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity("LoopbackProvider", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject);
        identity.SetClaim(Claims.Email, user.Email);
        identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.SetClaim(Claims.Name, user.Name ?? user.Email);
        foreach (var group in user.Groups ?? [])
        {
            identity.AddClaim(new Claim("groups", group));
        }

        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
