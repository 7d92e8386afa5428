using System.Security.Claims;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Security;

namespace LicensingPortal.Web.Security;

/// <summary>The signed-in user, read from the cookie's claims (no query per request).</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user in this context.");

    public Guid UserId => Guid.Parse(Principal.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public string Name => Principal.FindFirstValue(PortalClaims.DisplayName) ?? Principal.Identity?.Name ?? "unknown";

    public Guid CompanyId => Guid.Parse(Principal.FindFirstValue(PortalClaims.CompanyId)!);

    public CompanyType CompanyType => Enum.Parse<CompanyType>(Principal.FindFirstValue(PortalClaims.CompanyType)!);

    public Guid? OwnerCompanyId => Guid.TryParse(Principal.FindFirstValue(PortalClaims.OwnerCompanyId), out var id) ? id : null;

    public IReadOnlyCollection<string> Roles => Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();

    public Guid? SupportSessionId => Principal.SessionId();
}

public static class ClaimsPrincipalExtensions
{
    public static bool Can(this ClaimsPrincipal user, Permission permission) =>
        user.Identity?.IsAuthenticated == true
        && Enum.TryParse<CompanyType>(user.FindFirstValue(PortalClaims.CompanyType), out var type)
        && PermissionMatrix.Allows(user.FindAll(ClaimTypes.Role).Select(c => c.Value), type, permission);

    public static CompanyType? CompanyType(this ClaimsPrincipal user) =>
        Enum.TryParse<CompanyType>(user.FindFirstValue(PortalClaims.CompanyType), out var type) ? type : null;

    public static Guid? CompanyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PortalClaims.CompanyId), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(PortalClaims.DisplayName) ?? user.Identity?.Name ?? string.Empty;

    public static string CompanyName(this ClaimsPrincipal user) => user.FindFirstValue(PortalClaims.CompanyName) ?? string.Empty;
}
