using System.ComponentModel.DataAnnotations;
using LicensingPortal.Application.Auditing;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

[RequirePermission(Permission.ViewAuditLog)]
[Route("audit")]
public sealed class AuditController(SearchAuditLog search) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([Display(Name = "Search")] string? q, DateOnly? from, DateOnly? to, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && f > t)
        {
            ModelState.AddModelError("from", "The start date must be on or before the end date.");
            from = null;
            to = null;
        }

        return View(await search.HandleAsync(new AuditLogQuery(q, from, to, before), cancellationToken));
    }
}
