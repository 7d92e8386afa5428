using LicensingPortal.Application.Dashboard;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

[RequirePermission(Permission.ViewDashboard)]
public sealed class HomeController(GetDashboard dashboard) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await dashboard.HandleAsync(cancellationToken));
}
