using FluentValidation;
using FluentValidation.AspNetCore;
using LicensingPortal.Application.Customers;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.ServicePlans;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

public sealed record BulkChangePage(IReadOnlyList<ServicePlanRow> Plans, BulkLicenseChangeInput Input, BulkLicenseChangeReport? Report);

/// <summary>
/// Customers › Bulk change (R22): one change for every license of a service plan, previewed (what changes,
/// what is refused and why) and then applied; the same use case as the API's bulk endpoint.
/// </summary>
[RequirePermission(Permission.ModifyLicenses)]
[Route("customers/bulk-change")]
public sealed class BulkChangesController(ListServicePlans plans, BulkLicenseChange bulk, IValidator<BulkLicenseChangeInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? plan, CancellationToken cancellationToken) =>
        View(new BulkChangePage(await PlansAsync(cancellationToken), new BulkLicenseChangeInput { ServicePlanId = plan }, null));

    [HttpPost("preview")]
    public Task<IActionResult> Preview([Bind(Prefix = "Input")] BulkLicenseChangeInput input, CancellationToken cancellationToken) =>
        RunAsync(input, () => bulk.PreviewAsync(input, cancellationToken), cancellationToken);

    /// <summary>Answers with the report itself (not a redirect): it lists what each license became.</summary>
    [HttpPost("")]
    public Task<IActionResult> Apply([Bind(Prefix = "Input")] BulkLicenseChangeInput input, CancellationToken cancellationToken) =>
        RunAsync(input, () => bulk.ApplyAsync(input, cancellationToken), cancellationToken);

    private async Task<IActionResult> RunAsync(BulkLicenseChangeInput input, Func<Task<BulkLicenseChangeReport>> run, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!ModelState.IsValid || !validation.IsValid)
        {
            validation.AddToModelState(ModelState, "Input");
            return View(nameof(Index), new BulkChangePage(await PlansAsync(cancellationToken), input, null));
        }

        return View(nameof(Index), new BulkChangePage(await PlansAsync(cancellationToken), input, await run()));
    }

    private async Task<IReadOnlyList<ServicePlanRow>> PlansAsync(CancellationToken cancellationToken) =>
        (await plans.HandleAsync(new ServicePlanFilter(null, null, null, null, null), cancellationToken)).Plans;
}
