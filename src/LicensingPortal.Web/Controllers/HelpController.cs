using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

[RequirePermission(Permission.ViewDashboard)]
[Route("help")]
public sealed class HelpController : Controller
{
    /// <summary>Help › Roles: the permission matrix, straight from <see cref="PermissionMatrix"/>.</summary>
    [HttpGet("roles")]
    public IActionResult Roles() => View();
}
