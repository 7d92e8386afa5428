using System.Globalization;
using System.Text;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Reports;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>Reports › Licenses expiring in the next 30, 60 or 90 days (and those expired recently).</summary>
[RequirePermission(Permission.ViewReports)]
[Route("reports/expiring")]
public sealed class ExpiringLicensesController(ListExpiringLicenses report) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int days = 30, bool expired = false, CancellationToken cancellationToken = default)
    {
        days = ListExpiringLicenses.Windows.Contains(days) ? days : 30;
        var (rows, truncated) = await report.HandleAsync(days, expired, cancellationToken);
        ViewData["Days"] = days;
        ViewData["Expired"] = expired;
        ViewData["Truncated"] = truncated;
        return View(rows);
    }

    [RequirePermission(Permission.ExportReports)]
    [HttpGet("export")]
    public async Task<IActionResult> Export(int days = 30, bool expired = false, CancellationToken cancellationToken = default)
    {
        days = ListExpiringLicenses.Windows.Contains(days) ? days : 30;
        var (rows, _) = await report.HandleAsync(days, expired, cancellationToken);
        var csv = new StringBuilder("Customer,Managed by,Plan,Product,Units,Expires,Status,Auto-renewal\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', Csv.Field(r.CustomerName), Csv.Field(r.OwnerName), Csv.Field(r.PlanName), Csv.Field(r.ProductName), r.Units.ToString(CultureInfo.InvariantCulture),
                r.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Status.Display(), r.AutoRenew ? $"Yes ({r.AutoRenewMonths} months)" : "No").Append('\n');
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"licenses-expiring-{days}-days.csv");
    }
}
