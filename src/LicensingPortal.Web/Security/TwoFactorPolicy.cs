using System.Security.Claims;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Security;

namespace LicensingPortal.Web.Security;

/// <summary>
/// Two-factor sign-in is required for provider administrators (ASVS 6.3) when
/// <c>Security:RequireTwoFactorForProviderAdministrators</c> is on (the default). Development, where the
/// demo runs, turns it off in appsettings.Development.json so the demo needs no authenticator app.
/// </summary>
public static class TwoFactorPolicy
{
    public const string SettingName = "Security:RequireTwoFactorForProviderAdministrators";
    public const string SetupPath = "/account/two-factor";

    public static bool IsRequiredFor(ClaimsPrincipal user, IConfiguration configuration) =>
        configuration.GetValue(SettingName, defaultValue: true)
        && user.CompanyType() == CompanyType.Provider
        && user.IsInRole(Roles.Administrator);

    public static bool HasTwoFactor(ClaimsPrincipal user) => user.FindFirstValue(PortalClaims.TwoFactorEnabled) == "true";

    /// <summary>Sends a provider administrator without two-factor to set it up before anything else.</summary>
    public static IApplicationBuilder UseTwoFactorSetupRequirement(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var user = context.User;
            var path = context.Request.Path;
            var exempt = path.StartsWithSegments(SetupPath) || path.StartsWithSegments("/account/sign-out")
                || path.StartsWithSegments("/error") || path.StartsWithSegments("/health") || path.StartsWithSegments("/help")
                || path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");
            if (user.Identity?.IsAuthenticated == true && !exempt && !HasTwoFactor(user)
                && IsRequiredFor(user, context.RequestServices.GetRequiredService<IConfiguration>()))
            {
                context.Response.Redirect(SetupPath + "?required=true");
                return Task.CompletedTask;
            }

            return next(context);
        });
}
