using LicensingPortal.Application.Common;
using LicensingPortal.Application.Customers;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>Customers › {customer} › Licenses tab › {plan}: modify a customer's service plan (seed 000, R2–R7).</summary>
[Route("customers/{customerId:guid}/licenses/{licenseId:guid}")]
public sealed class LicensesController(GetLicenseForm form) : Controller
{
    [RequirePermission(Permission.ViewLicenses)]
    [HttpGet("")]
    public async Task<IActionResult> Edit(Guid customerId, Guid licenseId, CancellationToken cancellationToken)
    {
        var view = await form.HandleAsync(customerId, licenseId, cancellationToken);
        return view is null ? NotFound() : View(new LicensePage(view, view.Current));
    }

    [RequirePermission(Permission.ModifyLicenses)]
    [HttpPost("")]
    public async Task<IActionResult> Edit(
        [FromServices] ModifyLicense modify, Guid customerId, Guid licenseId, [Bind(Prefix = "Input")] LicenseModifyInput input,
        CancellationToken cancellationToken)
    {
        var view = await form.HandleAsync(customerId, licenseId, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(new LicensePage(view, input));
        }

        var result = await modify.HandleAsync(customerId, licenseId, input, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            // R17/R18: the use case's field messages and refusals, next to their fields; what was typed stays; nothing was saved.
            result.AddTo(ModelState, "Input", typeof(LicenseModifyInput));
            return View(new LicensePage(view, input));
        }

        this.Flash(result.Message!);
        return RedirectToAction(nameof(Edit), new { customerId, licenseId });
    }

    [RequirePermission(Permission.ModifyLicenses)]
    [HttpPost("cancel-pending-change")]
    public async Task<IActionResult> CancelPendingChange([FromServices] CancelPendingChange cancel, Guid customerId, Guid licenseId, CancellationToken cancellationToken)
    {
        var result = await cancel.HandleAsync(customerId, licenseId, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result);
        return RedirectToAction(nameof(Edit), new { customerId, licenseId });
    }

    [RequirePermission(Permission.AssignPlansToCustomers)]
    [HttpPost("convert")]
    public async Task<IActionResult> Convert(
        [FromServices] GetCustomer customers, [FromServices] ConvertTrial convert, Guid customerId, Guid licenseId, Guid? servicePlanId, int version, CancellationToken cancellationToken)
    {
        if (!await customers.IsVisibleAsync(customerId, licenseId, cancellationToken))
        {
            return NotFound();
        }

        if (servicePlanId is null)
        {
            this.Flash("Choose the full plan to convert the trial to.", "danger");
            return RedirectToAction(nameof(Edit), new { customerId, licenseId });
        }

        var result = await convert.HandleAsync(customerId, licenseId, servicePlanId.Value, version, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result, "Not converted: ");
        return RedirectToAction(nameof(Edit), new { customerId, licenseId });
    }
}

public sealed record LicensePage(LicenseFormView View, LicenseModifyInput Input);
