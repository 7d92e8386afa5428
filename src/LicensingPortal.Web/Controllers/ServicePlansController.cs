using System.ComponentModel.DataAnnotations;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.ServicePlans;
using LicensingPortal.Application.SuiteChanges;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>
/// Service Plans (provider and MSP: their own plans, R4/R5) and Assigned Plans (reseller, read-only, R14);
/// Service plan component updates (R5 approvals).
/// </summary>
[RequirePermission(Permission.ViewServicePlans)]
[Route("service-plans")]
public sealed class ServicePlansController : Controller
{
    private static readonly Dictionary<string, string> DomainFields = new(StringComparer.Ordinal) { ["Period"] = nameof(ServicePlanInput.PeriodLength) };

    private static readonly HashSet<string> FormFields =
    [
        nameof(ServicePlanInput.Name), nameof(ServicePlanInput.ProductId), nameof(ServicePlanInput.ServiceLevelId), nameof(ServicePlanInput.LicenseType),
        nameof(ServicePlanInput.PeriodLength), nameof(ServicePlanInput.UnitsPerLicense), nameof(ServicePlanInput.AddOnAvailable),
    ];

    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromServices] ListServicePlans list, [Display(Name = "Search")] string? q, Guid? product, LicenseType? type, Lifecycle? lifecycle, bool? locked, CancellationToken cancellationToken) =>
        View(await list.HandleAsync(new ServicePlanFilter(q, product, type, lifecycle, locked), cancellationToken));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Detail([FromServices] GetServicePlan get, Guid id, CancellationToken cancellationToken)
    {
        var result = await get.HandleAsync(id, cancellationToken);
        return result.Value is { } detail ? View(detail) : NotFound();
    }

    [RequirePermission(Permission.ManageServicePlans)]
    [HttpGet("new")]
    public async Task<IActionResult> New([FromServices] GetServicePlanFormOptions options, CancellationToken cancellationToken) =>
        await FormView(options, null, new ServicePlanInput(), null, cancellationToken);

    [RequirePermission(Permission.ManageServicePlans)]
    [HttpPost("new")]
    public async Task<IActionResult> New(
        [FromServices] SaveServicePlan save, [FromServices] GetServicePlanFormOptions options, ServicePlanInput input, CancellationToken cancellationToken)
    {
        var result = ModelState.IsValid ? await save.HandleAsync(null, input, cancellationToken) : null;
        if (result is not { Succeeded: true })
        {
            result?.AddTo(ModelState, fieldMap: DomainFields, formFields: FormFields);
            return await FormView(options, null, input, null, cancellationToken);
        }

        this.Flash($"Service plan \"{input.Name!.Trim()}\" created.");
        return RedirectToAction(nameof(Detail), new { id = result.Value });
    }

    [RequirePermission(Permission.ManageServicePlans)]
    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] GetServicePlan get, [FromServices] GetServicePlanFormOptions options, Guid id, CancellationToken cancellationToken)
    {
        var result = await get.HandleAsync(id, cancellationToken);
        if (result.Value is not { IsOwner: true } detail)
        {
            return NotFound();
        }

        var plan = detail.Plan;
        var input = new ServicePlanInput
        {
            Name = plan.Name,
            ProductId = detail.ProductId,
            ServiceLevelId = detail.ServiceLevelId,
            LicenseType = plan.LicenseType,
            PeriodLength = plan.Period.Length,
            PeriodUnit = plan.Period.Unit,
            UnitsPerLicense = plan.UnitsPerLicense,
            AutoRenewDefault = plan.AutoRenewDefault,
            AddOnAvailable = plan.AddOnAvailable,
            Version = detail.Version,
        };
        return await FormView(options, detail, input, null, cancellationToken);
    }

    [RequirePermission(Permission.ManageServicePlans)]
    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(
        [FromServices] SaveServicePlan save, [FromServices] GetServicePlan get, [FromServices] GetServicePlanFormOptions options,
        Guid id, ServicePlanInput input, CancellationToken cancellationToken)
    {
        var current = await get.HandleAsync(id, cancellationToken);
        if (current.Value is not { IsOwner: true } detail)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await save.HandleAsync(id, input, cancellationToken);
            if (result.Succeeded)
            {
                this.Flash($"Service plan \"{input.Name!.Trim()}\" saved. Customers who already have it keep their licenses as they are.");
                return RedirectToAction(nameof(Detail), new { id });
            }

            if (result.Kind == ResultKind.NotFound)
            {
                return NotFound();
            }

            result.AddTo(ModelState, fieldMap: DomainFields, formFields: FormFields);
        }

        return await FormView(options, detail, input, null, cancellationToken);
    }

    [RequirePermission(Permission.ManageServicePlans)]
    [HttpPost("{id:guid}/end-of-sale")]
    public Task<IActionResult> MarkEndOfSale([FromServices] MarkServicePlanLifecycle mark, Guid id, CancellationToken cancellationToken) =>
        Mark(mark, id, Lifecycle.EndOfSale, cancellationToken);

    [RequirePermission(Permission.ManageServicePlans)]
    [HttpPost("{id:guid}/end-of-life")]
    public Task<IActionResult> MarkEndOfLife([FromServices] MarkServicePlanLifecycle mark, Guid id, CancellationToken cancellationToken) =>
        Mark(mark, id, Lifecycle.EndOfLife, cancellationToken);

    [HttpGet("component-updates")]
    public async Task<IActionResult> ComponentUpdates([FromServices] ListComponentUpdates list, CancellationToken cancellationToken)
    {
        // Resellers own no plans: their provider approves suite changes (R5).
        if (User.CompanyType() == CompanyType.Reseller)
        {
            return NotFound();
        }

        return View(await list.HandleAsync(cancellationToken));
    }

    [RequirePermission(Permission.ApproveSuiteChanges)]
    [HttpPost("component-updates/{id:guid}/approve")]
    public async Task<IActionResult> Approve([FromServices] ApproveSuiteChange approve, Guid id, CancellationToken cancellationToken)
    {
        var result = await approve.HandleAsync(id, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result);
        return RedirectToAction(nameof(ComponentUpdates));
    }

    private async Task<IActionResult> Mark(MarkServicePlanLifecycle mark, Guid id, Lifecycle target, CancellationToken cancellationToken)
    {
        var result = await mark.HandleAsync(id, target, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result);
        return RedirectToAction(nameof(Detail), new { id });
    }

    private async Task<IActionResult> FormView(
        GetServicePlanFormOptions options, ServicePlanDetail? existing, ServicePlanInput input, IReadOnlyList<ProductOption>? products, CancellationToken cancellationToken)
    {
        ViewData["Products"] = products ?? await options.HandleAsync(cancellationToken);
        ViewData["Existing"] = existing;
        return View("Form", input);
    }
}
