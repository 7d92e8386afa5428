using LicensingPortal.Application.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace LicensingPortal.Web.Security.SingleSignOn;

/// <summary>
/// R26 (ADR 0022): one OpenID Connect scheme for every company. Its options are the company's, chosen per request by
/// <see cref="SsoOptionsMonitor"/> from what <see cref="UseSingleSignOnRequests"/> loaded before authentication runs:
/// the company in the start address (/account/sso/{companyId}), or in the protected state on the way back.
/// </summary>
public static class SsoAuthentication
{
    public const string Scheme = "sso";

    /// <summary>The one redirect URI every company gives its identity provider: https://portal.example.com/signin-oidc.</summary>
    public const string CallbackPath = "/signin-oidc";

    public const string StartPath = "/account/sso";

    /// <summary>The company whose provider the challenge went to, kept in the protected state (and so in the external cookie).</summary>
    public const string CompanyItem = "lp:sso_company";

    /// <summary>The email typed on the sign-in page, given to the provider as login_hint.</summary>
    public const string EmailItem = "lp:sso_email";

    internal const string ConnectionKey = "lp:sso_connection";

    public static IServiceCollection AddPortalSingleSignOn(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAuthentication().AddOpenIdConnect(Scheme, "Single sign-on", options => SsoOptionsMonitor.ConfigureShared(options, environment));
        services.AddSingleton<SsoOptionsMonitor>();
        services.AddSingleton<IOptionsMonitor<OpenIdConnectOptions>>(s => s.GetRequiredService<SsoOptionsMonitor>());
        services.AddScoped<SsoSignIn>();
        return services;
    }

    /// <summary>
    /// Before authentication: finds the company a single sign-on request is for and loads its provider, so the handler
    /// (initialised by the authentication middleware on every request) gets that company's options.
    /// </summary>
    public static IApplicationBuilder UseSingleSignOnRequests(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (CompanyOf(context) is { } companyId
                && await context.RequestServices.GetRequiredService<ICompanySso>().FindConnectionAsync(companyId, context.RequestAborted) is { } connection)
            {
                context.Items[ConnectionKey] = connection;
            }

            await next(context);
        });

    private static Guid? CompanyOf(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(StartPath, out var rest) && Guid.TryParse(rest.Value?.Trim('/'), out var started))
        {
            return started;
        }

        if (path == CallbackPath && context.Request.Query["state"].ToString() is { Length: > 0 } state
            && context.RequestServices.GetRequiredService<SsoOptionsMonitor>().State.Unprotect(state) is { } properties
            && properties.Items.TryGetValue(CompanyItem, out var company) && Guid.TryParse(company, out var returning))
        {
            return returning;
        }

        return null;
    }

    /// <summary>The company the challenge was for, from the properties the handler or the external cookie carries.</summary>
    public static Guid? CompanyOf(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(CompanyItem, out var value) == true && Guid.TryParse(value, out var id) ? id : null;

    internal static OpenIdConnectEvents Events() => new()
    {
        OnRedirectToIdentityProvider = context =>
        {
            if (context.Properties.Items.TryGetValue(EmailItem, out var email) && !string.IsNullOrEmpty(email))
            {
                context.ProtocolMessage.LoginHint = email;
            }

            return Task.CompletedTask;
        },

        // Everything the handler refuses (wrong issuer or audience, expired or unsigned token, a state used twice or
        // forged, the provider's own error) lands on the sign-in page with one sentence, and on the audit log with why.
        OnRemoteFailure = async context =>
        {
            context.HandleResponse();
            var signIn = context.HttpContext.RequestServices.GetRequiredService<SsoSignIn>();
            await signIn.RecordFailureAsync(CompanyOf(context.Properties), null, context.Failure?.Message ?? "The identity provider's answer was refused.", context.HttpContext.RequestAborted);
            context.Response.Redirect("/account/sign-in?sso=failed");
        },
    };
}
