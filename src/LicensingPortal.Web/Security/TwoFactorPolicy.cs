using System.Security.Claims;
using LicensingPortal.Infrastructure.Security;

namespace LicensingPortal.Web.Security;

/// <summary>
/// R26: who must sign in with two-factor is the sign-in policy in force for the user's company
/// (<see cref="SignInPolicyEnforcement"/>). <c>Security:RequireTwoFactorForProviderAdministrators</c> (ADR 0007) is the
/// provider's policy until its administrators save one; Development, where the demo runs, turns it off in
/// appsettings.Development.json so the demo needs no authenticator app.
/// </summary>
public static class TwoFactorPolicy
{
    public const string SettingName = "Security:RequireTwoFactorForProviderAdministrators";
    public const string SetupPath = "/account/two-factor";

    /// <summary>Whether the sign-in policy in force asks the signed-in user for two-factor.</summary>
    public static async Task<bool> IsRequiredForAsync(HttpContext context) =>
        await SignInPolicyEnforcement.InForceAsync(context) is { } policy && policy.RequiresTwoFactor(SignInPolicyEnforcement.IsAdministrator(context.User));

    public static bool HasTwoFactor(ClaimsPrincipal user) => user.FindFirstValue(PortalClaims.TwoFactorEnabled) == "true";

    /// <summary>
    /// Sends a user whose sign-in policy requires two-factor, and who has none, to set it up before anything else (they
    /// can still sign out). A parent tightening its policy reaches its children's users at their next request.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorSetupRequirement(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            var path = context.Request.Path;
            var exempt = path.StartsWithSegments(SetupPath) || path.StartsWithSegments("/account/sign-out")
                || path.StartsWithSegments("/error") || path.StartsWithSegments("/health") || path.StartsWithSegments("/help")
                || path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");
            if (user.Identity?.IsAuthenticated == true && !exempt && !HasTwoFactor(user) && await IsRequiredForAsync(context))
            {
                context.Response.Redirect(SetupPath + "?required=true");
                return;
            }

            await next(context);
        });
}
