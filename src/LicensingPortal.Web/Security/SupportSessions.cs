using System.Globalization;
using System.Security.Claims;
using LicensingPortal.Application.Auditing;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Support;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Security;
using LicensingPortal.Web.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace LicensingPortal.Web.Security;

/// <summary>
/// R26, support access ("view as"): a browser in a support session carries the session's id in its own cookie; each
/// request of the real user's cookie sign-in then runs as the company viewed, read-only (a read-only role) unless the
/// company's administrator consented (its administrator role), until the session ends or expires. The real user stays
/// the actor of everything recorded; the audit entries say whom they acted as (ADR 0023).
/// </summary>
public static class SupportSessions
{
    /// <summary>Set by the sign-in points: "web" (password) or "sso"; a cookie principal without it signed in with a password.</summary>
    public const string ChannelClaim = PortalClaims.Channel;

    public const string SessionClaim = "lp:support_session";
    public const string ActingAsClaim = "lp:acting_as";
    public const string ExpiresClaim = "lp:support_expires";
    public const string WritesClaim = "lp:support_writes";
    public const string WriteRequestedClaim = "lp:support_write_requested";
    public const string ConsentExpiresClaim = "lp:support_consent_expires";

    /// <summary>The session cookie's name: __Host- prefixed outside Development like the portal's other cookies.</summary>
    public static string CookieName(IHostEnvironment environment) => (environment.IsDevelopment() ? string.Empty : "__Host-") + "LicensingPortal-Support";

    /// <summary>A browser-session cookie: the database decides whether the session still runs, on every request.</summary>
    public static void SetCookie(HttpContext context, Guid sessionId)
    {
        var environment = context.RequestServices.GetRequiredService<IHostEnvironment>();
        context.Response.Cookies.Append(CookieName(environment), sessionId.ToString(), new CookieOptions
        {
            HttpOnly = true,
            Secure = !environment.IsDevelopment() || context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
    }

    public static void DeleteCookie(HttpContext context)
    {
        var environment = context.RequestServices.GetRequiredService<IHostEnvironment>();
        context.Response.Cookies.Delete(CookieName(environment), new CookieOptions { Path = "/", Secure = !environment.IsDevelopment() || context.Request.IsHttps });
    }

    public static Guid? SessionId(this ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(SessionClaim), out var id) ? id : null;

    public static bool SupportWritesAllowed(this ClaimsPrincipal user) => user.FindFirstValue(WritesClaim) == "true";

    public static DateTimeOffset? SupportExpiresAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ExpiresClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    public static DateTimeOffset? SupportConsentExpiresAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ConsentExpiresClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    /// <summary>Runs after authentication: a request of a support session becomes the company's view; an ended session's cookie is dropped.</summary>
    public static IApplicationBuilder UseSupportSessions(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            var cookie = context.Request.Cookies[CookieName(context.RequestServices.GetRequiredService<IHostEnvironment>())];
            if (cookie is null || user.Identity?.IsAuthenticated != true || user.Identity.AuthenticationType != IdentityConstants.ApplicationScheme
                || !Guid.TryParse(cookie, out var sessionId) || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            {
                await next(context);
                return;
            }

            var view = await context.RequestServices.GetRequiredService<FindSupportView>().HandleAsync(sessionId, userId, user.DisplayName(), context.RequestAborted);
            if (view is null)
            {
                DeleteCookie(context);
                await next(context);
                return;
            }

            context.User = ViewAs(user, view);
            await next(context);

            // Each page viewed in the session is in the company's audit log (not the session's own pages, nor files).
            if (HttpMethods.IsGet(context.Request.Method) && context.Response.StatusCode == StatusCodes.Status200OK
                && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                var path = context.Request.Path + context.Request.QueryString;
                await context.RequestServices.GetRequiredService<RecordSupportPageView>()
                    .HandleAsync(view, new Actor(userId, user.DisplayName()), path, context.RequestAborted);
            }
        });

    /// <summary>The real user (same id and name, so they stay the actor) seen as the company: its id, type and name, a view's role.</summary>
    private static ClaimsPrincipal ViewAs(ClaimsPrincipal real, SupportView view)
    {
        string[] kept = [ClaimTypes.NameIdentifier, ClaimTypes.Name, PortalClaims.DisplayName, PortalClaims.TwoFactorEnabled, PortalClaims.SignedInAt];
        var claims = real.Claims.Where(c => kept.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value)).ToList();
        claims.Add(new Claim(PortalClaims.CompanyId, view.CompanyId.ToString()));
        claims.Add(new Claim(PortalClaims.CompanyType, view.CompanyType.ToString()));
        claims.Add(new Claim(PortalClaims.CompanyName, view.CompanyName));
        if (view.OwnerCompanyId is { } owner)
        {
            claims.Add(new Claim(PortalClaims.OwnerCompanyId, owner.ToString()));
        }

        var customer = view.CompanyType == CompanyType.Customer;
        var role = view.WritesAllowed ? (customer ? Roles.CustomerAdministrator : Roles.Administrator) : (customer ? Roles.CustomerViewer : Roles.SupportEngineer);
        claims.Add(new Claim(ClaimTypes.Role, role));
        claims.Add(new Claim(ChannelClaim, AuditChannel.Support));
        claims.Add(new Claim(SessionClaim, view.SessionId.ToString()));
        claims.Add(new Claim(ActingAsClaim, view.CompanyId.ToString()));
        claims.Add(new Claim(ExpiresClaim, view.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        claims.Add(new Claim(WritesClaim, view.WritesAllowed ? "true" : "false"));
        claims.Add(new Claim(WriteRequestedClaim, view.WriteRequested ? "true" : "false"));
        if (view.ConsentExpiresAt is { } consent)
        {
            claims.Add(new Claim(ConsentExpiresClaim, consent.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, IdentityConstants.ApplicationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}

/// <summary>
/// R26: the request's channel, client address and acting-as, read from the request for <see cref="IAuditOrigin"/>. The
/// address is the connection's remote address: behind a reverse proxy, the forwarded-headers middleware (ForwardedHeaders:Enabled,
/// docs/deployment.md) has already replaced it with the client's from a trusted proxy's X-Forwarded-For. No request:
/// the scheduler's jobs, channel "system".
/// </summary>
public sealed class HttpAuditOrigin(IHttpContextAccessor accessor) : IAuditOrigin
{
    public AuditOrigin Current
    {
        get
        {
            if (accessor.HttpContext is not { } context)
            {
                return AuditOrigin.System;
            }

            var user = context.User;
            var ip = context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : null;
            if (user.Identity?.IsAuthenticated != true)
            {
                // Single sign-on's own steps (its start, the provider's answer, what it records) come before a portal user exists.
                var sso = context.Request.Path.StartsWithSegments(SingleSignOn.SsoAuthentication.CallbackPath)
                    || context.Request.Path.StartsWithSegments(SingleSignOn.SsoAuthentication.StartPath);
                return new AuditOrigin(sso ? AuditChannel.Sso : AuditChannel.Web, ip, null, false);
            }

            if (user.Identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName)
            {
                return new AuditOrigin(AuditChannel.Api, ip, null, false);
            }

            if (user.SessionId() is not null)
            {
                return new AuditOrigin(AuditChannel.Support, ip, Guid.TryParse(user.FindFirstValue(SupportSessions.ActingAsClaim), out var company) ? company : null, !user.SupportWritesAllowed());
            }

            return new AuditOrigin(user.FindFirstValue(SupportSessions.ChannelClaim) == AuditChannel.Sso ? AuditChannel.Sso : AuditChannel.Web, ip, null, false);
        }
    }
}

/// <summary>
/// R26: a write that escapes a page's own refusal in a read-only support session (an account page's, say: what a use case
/// refuses, the page shows as it shows any rule) answers 403 with the sentence, and nothing was saved.
/// </summary>
public sealed class SupportReadOnlyFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is DomainRuleViolation { Code: "R26" } violation)
        {
            context.Result = new ViewResult
            {
                ViewName = "SupportReadOnly",
                StatusCode = StatusCodes.Status403Forbidden,
                ViewData = new ViewDataDictionary<string>(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState) { Model = violation.Message },
            };
            context.ExceptionHandled = true;
        }
    }
}
