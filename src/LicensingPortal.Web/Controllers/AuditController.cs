using System.ComponentModel.DataAnnotations;
using LicensingPortal.Application.Auditing;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

[RequirePermission(Permission.ViewAuditLog)]
[Route("audit")]
public sealed class AuditController(SearchAuditLog search) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(
        [Display(Name = "Search")] string? q,
        DateOnly? from,
        DateOnly? to,
        DateTimeOffset? before,
        [Display(Name = "Channel")] string? channel,
        [Display(Name = "Client address"), StringLength(64)] string? ip,
        CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && f > t)
        {
            ModelState.AddModelError("from", "The start date must be on or before the end date.");
            from = null;
            to = null;
        }

        // R26: the channels are a closed list; anything else is no filter, said next to the field.
        if (channel is not null && channel != "unknown" && !AuditChannel.All.Contains(channel))
        {
            ModelState.AddModelError("channel", "Choose one of the channels listed.");
            channel = null;
        }

        if (!ModelState.IsValid && ModelState["ip"]?.Errors.Count > 0)
        {
            ip = null;
        }

        return View(await search.HandleAsync(new AuditLogQuery(q, from, to, before, channel, ip), cancellationToken));
    }
}
