using System.Globalization;
using System.Text;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Reports;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>Reports › Transactions (R9).</summary>
[Route("reports")]
public sealed class ReportsController(ListTransactions transactions) : Controller
{
    [RequirePermission(Permission.ViewReports)]
    [HttpGet("transactions")]
    public async Task<IActionResult> Transactions(string? customer, TransactionType? type, DateOnly? from, DateOnly? to, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && f > t)
        {
            ModelState.AddModelError("from", "The start date must be on or before the end date.");
            (from, to) = (null, null);
        }

        return View(await transactions.HandleAsync(new TransactionQuery(customer, type, from, to, before), cancellationToken));
    }

    [RequirePermission(Permission.ExportReports)]
    [HttpGet("transactions/export")]
    public async Task ExportTransactions(string? customer, TransactionType? type, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"transactions.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync("When (UTC),Type,Customer,Plan,By,Before,After,Note\n");
        await foreach (var row in transactions.StreamAsync(new TransactionQuery(customer, type, from, to)).WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(string.Join(',',
                row.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), LicenseTransaction.Display(row.Type), Csv.Field(row.CustomerName),
                Csv.Field(row.PlanName), Csv.Field(row.ActorName), Csv.Field(row.Changed.Before), Csv.Field(row.Changed.After), Csv.Field(row.Note)) + "\n");
        }
    }
}
