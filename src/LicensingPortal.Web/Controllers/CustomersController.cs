using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Customers;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>Customers (list, create, edit) and Customers › {customer} › Licenses tab (seed 000).</summary>
[Route("customers")]
public sealed class CustomersController(ListCustomers list, GetCustomer details) : Controller
{
    [RequirePermission(Permission.ViewCustomers)]
    [HttpGet("")]
    public async Task<IActionResult> Index([Display(Name = "Search")] string? q, LicenseStatus? status, Guid? product, CustomerSort sort = CustomerSort.Name, bool desc = false, string? after = null, Guid? plan = null, CancellationToken cancellationToken = default) =>
        View(await list.HandleAsync(new CustomerListQuery(q, status, product, sort, desc, after, plan), cancellationToken));

    /// <summary>The filtered list as CSV, streamed row by row (flat memory at 100k customers).</summary>
    [RequirePermission(Permission.ExportReports)]
    [HttpGet("export")]
    public async Task Export([Display(Name = "Search")] string? q, LicenseStatus? status, Guid? product, Guid? plan, CancellationToken cancellationToken)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"customers.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync("Customer,Country,Contact email,Managed by,Licenses,Status,Created (UTC)\n");
        await foreach (var row in list.StreamAsync(new CustomerListQuery(q, status, product, PlanId: plan)).WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(string.Join(',', Csv.Field(row.Name), Csv.Field(row.Country), Csv.Field(row.ContactEmail), Csv.Field(row.OwnerName),
                row.Licenses.ToString(CultureInfo.InvariantCulture), row.Status, row.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) + "\n");
        }
    }

    [RequirePermission(Permission.ManageCustomers)]
    [HttpGet("new")]
    public IActionResult Create() => View("Edit", new CustomerInput { Country = "US" });

    [RequirePermission(Permission.ManageCustomers)]
    [HttpPost("new")]
    public async Task<IActionResult> Create([FromServices] SaveCustomer save, CustomerInput input, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View("Edit", input);
        }

        var result = await save.CreateAsync(input, cancellationToken);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, formType: typeof(CustomerInput));
            return View("Edit", input);
        }

        this.Flash($"{input.Name?.Trim()} created. Assign a service plan to get them started.");
        return RedirectToAction(nameof(Details), new { id = result.Value });
    }

    [RequirePermission(Permission.ViewLicenses)]
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken cancellationToken) =>
        await details.HandleAsync(id, cancellationToken) is { } customer ? View(customer) : NotFound();

    [RequirePermission(Permission.ManageCustomers)]
    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        if (await details.HandleAsync(id, cancellationToken) is not { } customer)
        {
            return NotFound();
        }

        ViewData["CustomerId"] = id;
        return View(new CustomerInput { Name = customer.Name, ContactEmail = customer.ContactEmail, Country = customer.Country, Version = customer.Version });
    }

    [RequirePermission(Permission.ManageCustomers)]
    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] SaveCustomer save, Guid id, CustomerInput input, CancellationToken cancellationToken)
    {
        if (!await details.IsVisibleAsync(id, cancellationToken: cancellationToken))
        {
            return NotFound();
        }

        ViewData["CustomerId"] = id;
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var result = await save.EditAsync(id, input, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            result.AddTo(ModelState, formType: typeof(CustomerInput));
            return View(input);
        }

        this.Flash(result.Message!);
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>A new purchase: assign a service plan to the customer.</summary>
    [RequirePermission(Permission.AssignPlansToCustomers)]
    [HttpPost("{id:guid}/licenses")]
    public async Task<IActionResult> AssignPlan([FromServices] AssignPlan assign, Guid id, Guid? servicePlanId, string? units, CancellationToken cancellationToken)
    {
        if (!await details.IsVisibleAsync(id, cancellationToken: cancellationToken))
        {
            return NotFound();
        }

        int? parsedUnits = null;
        if (!string.IsNullOrWhiteSpace(units))
        {
            if (!int.TryParse(units, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                this.Flash($"'{units}' is not a number of units. Nothing was assigned.", "danger");
                return RedirectToAction(nameof(Details), new { id });
            }

            parsedUnits = value;
        }

        if (servicePlanId is null)
        {
            this.Flash("Choose a service plan to assign.", "danger");
            return RedirectToAction(nameof(Details), new { id });
        }

        var result = await assign.HandleAsync(id, servicePlanId.Value, parsedUnits, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result, "Not assigned: ");
        return RedirectToAction(nameof(Details), new { id });
    }
}
