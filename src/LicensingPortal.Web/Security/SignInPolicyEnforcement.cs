using System.Globalization;
using System.Security.Claims;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.SignInPolicies;
using LicensingPortal.Domain.SignInPolicies;
using LicensingPortal.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;

namespace LicensingPortal.Web.Security;

/// <summary>
/// R26 on every signed-in request of the cookie (API keys are not sessions and are not affected): the sign-in policy in
/// force for the user's company ends a session idle for longer than its idle timeout, or older than its session lifetime,
/// and the sign-in page says why. Last activity travels in the cookie, written again at most once a minute; time is
/// the app's <see cref="TimeProvider"/>. The policy comes from <see cref="SignInPolicyLookup"/> (kept a minute), so
/// this adds no SQL command to a page.
/// </summary>
public static class SignInPolicyEnforcement
{
    /// <summary>The query parameter that tells the sign-in page why the session ended.</summary>
    public const string SignedOutParameter = "signedOut";
    public const string IdleReason = "idle";
    public const string LifetimeReason = "lifetime";

    /// <summary>The longest idle timeout a policy may set: the cookie itself never expires sooner.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromMinutes(SignInSettings.MaxIdleTimeoutMinutes);

    /// <summary>Last activity is written to the cookie again once it is this old (not on every request).</summary>
    private static readonly TimeSpan ActivityResolution = TimeSpan.FromMinutes(1);

    private const string LastActivityItem = ".lp.last_activity";
    private const string ReasonItem = "lp:signed_out_reason";

    /// <summary>A customer's own user (R25) follows the policy of the company that owns its customer; everyone else their company's.</summary>
    public static Guid? PolicyCompanyId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PortalClaims.OwnerCompanyId), out var owner) ? owner : user.CompanyId();

    /// <summary>"Administrators" in a policy: a company's administrators, and a customer's (R25).</summary>
    public static bool IsAdministrator(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.CustomerAdministrator);

    public static async Task<EffectiveSignInPolicy?> InForceAsync(HttpContext context)
    {
        if (PolicyCompanyId(context.User) is not { } companyId)
        {
            return null;
        }

        var services = context.RequestServices;
        return await services.GetRequiredService<SignInPolicyLookup>().InForceAsync(services.GetRequiredService<IPortalDbContext>(), companyId, context.RequestAborted);
    }

    /// <summary>Part of the cookie's OnValidatePrincipal, once the session is known current: ends it, or notes the activity.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var policy = await services.GetRequiredService<SignInPolicyLookup>().InForceAsync(
            services.GetRequiredService<IPortalDbContext>(), PolicyCompanyId(principal) ?? Guid.Empty, context.HttpContext.RequestAborted);
        var settings = policy?.Settings ?? SignInSettings.ProviderDefault(true);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var signedInAt = long.TryParse(principal.FindFirstValue(PortalClaims.SignedInAt), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : context.Properties.IssuedUtc ?? now;
        var lastActivity = long.TryParse(context.Properties.GetString(LastActivityItem), NumberStyles.Integer, CultureInfo.InvariantCulture, out var active)
            ? DateTimeOffset.FromUnixTimeSeconds(active)
            : context.Properties.IssuedUtc ?? signedInAt;

        var reason = now - signedInAt > settings.SessionLifetime ? LifetimeReason
            : now - lastActivity > settings.IdleTimeout ? IdleReason
            : null;
        if (reason is not null)
        {
            context.HttpContext.Items[ReasonItem] = reason;
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            return;
        }

        if (now - lastActivity >= ActivityResolution)
        {
            context.Properties.SetString(LastActivityItem, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            context.ShouldRenew = true;
        }
    }

    /// <summary>The cookie's redirect to sign in, with why the session just ended when the policy ended it.</summary>
    public static Task RedirectToSignInAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var uri = context.HttpContext.Items[ReasonItem] is string reason
            ? QueryHelpers.AddQueryString(context.RedirectUri, SignedOutParameter, reason)
            : context.RedirectUri;
        if (string.Equals(context.Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal))
        {
            // As the cookie handler's own: a script's request gets 401 and where to sign in, not the page.
            context.Response.Headers.Location = uri;
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else
        {
            context.Response.Redirect(uri);
        }

        return Task.CompletedTask;
    }

    /// <summary>The sign-in page's sentence for <paramref name="reason"/>, or null.</summary>
    public static string? SignedOutMessage(string? reason) => reason switch
    {
        IdleReason => "You were signed out after a time without activity, as your company's sign-in policy asks. Sign in again to continue.",
        LifetimeReason => "Your session reached the longest time your company's sign-in policy allows. Sign in again to continue.",
        _ => null,
    };
}
