using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Partners;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Web.Models.Partners;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>Users &amp; Accounts › Partners (seed 004): the provider's partner companies.</summary>
[Route("partners")]
[RequirePermission(Permission.ViewPartners)]
public sealed class PartnersController(GetPartner getPartner) : Controller
{
    public const string SetPasswordLinkKey = "SetPasswordLink";

    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromServices] ListPartners listPartners, string? search, PartnerStatus? status, CompanyType? type, PartnerSort sort = PartnerSort.Name, int page = 1, CancellationToken cancellationToken = default) =>
        View(await listPartners.HandleAsync(new PartnerListQuery(search, status, type, sort, page), cancellationToken));

    [HttpGet("new")]
    [RequirePermission(Permission.ManagePartners)]
    public IActionResult Create() => View(new CreatePartnerInput { Country = "US", DataCenter = DataCenters.All[0] });

    [HttpPost("new")]
    [RequirePermission(Permission.ManagePartners)]
    public async Task<IActionResult> Create(
        CreatePartnerInput input, [FromServices] CreatePartner createPartner, CancellationToken cancellationToken)
    {
        var result = ModelState.IsValid ? await createPartner.HandleAsync(input, cancellationToken) : null;
        if (result is not { Succeeded: true })
        {
            result?.AddTo(ModelState);
            input.AdminPassword = null;
            return View(input);
        }

        var created = result.Value!;
        this.Flash($"{input.Name?.Trim()} was created with its administrator {created.AdminEmail}.");
        ShowSetPasswordLinkOnce(created.AdminUserId, created.SetPasswordToken);
        return RedirectToAction(nameof(Show), new { id = created.PartnerId, tab = "accounts" });
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, string? tab, [FromServices] GetBillingOverview billing, CancellationToken cancellationToken)
    {
        var page = await Page(id, tab, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        if (tab == PartnerPageModel.BillingSlug && User.Can(Permission.ViewBilling))
        {
            page.Billing = await billing.HandleAsync(id, cancellationToken);
        }

        return View(page);
    }

    [HttpPost("{id:guid}/licenses/assign")]
    [RequirePermission(Permission.ManagePartnerLicenses)]
    public async Task<IActionResult> AssignLicenses(
        Guid id, AssignLicensesInput input, [FromServices] AssignLicenses assign, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await Redisplay(id, PartnerArea.Licenses, m => m.AssignLicenses = input, cancellationToken);
        }

        var result = await assign.HandleAsync(id, input, cancellationToken);
        return await Outcome(id, PartnerArea.Licenses, result, m => m.AssignLicenses = input, cancellationToken);
    }

    [HttpPost("{id:guid}/licenses/refill")]
    [RequirePermission(Permission.ManagePartnerLicenses)]
    public async Task<IActionResult> LicensePoolRefill(Guid id, bool enabled, int version, [FromServices] SetLicensePoolRefill setRefill, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.Licenses, await setRefill.HandleAsync(id, enabled, version, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/licenses/disable")]
    [RequirePermission(Permission.ManagePartnerLicenses)]
    public async Task<IActionResult> DisableLicenses(Guid id, List<Guid> poolIds, [FromServices] SetLicensePoolsEnabled set, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.Licenses, await set.HandleAsync(id, poolIds, enable: false, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/licenses/enable")]
    [RequirePermission(Permission.ManagePartnerLicenses)]
    public async Task<IActionResult> EnableLicenses(Guid id, List<Guid> poolIds, [FromServices] SetLicensePoolsEnabled set, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.Licenses, await set.HandleAsync(id, poolIds, enable: true, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/management/enable")]
    [RequirePermission(Permission.ManagePartnerLicenses)]
    public async Task<IActionResult> EnableRemoteManager(Guid id, int version, [FromServices] SetRemoteManager set, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.ManagementLicenses, await set.HandleAsync(id, version, enable: true, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/management/disable")]
    [RequirePermission(Permission.ManagePartnerLicenses)]
    public async Task<IActionResult> DisableRemoteManager(Guid id, int version, [FromServices] SetRemoteManager set, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.ManagementLicenses, await set.HandleAsync(id, version, enable: false, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/service-plans/assign")]
    [RequirePermission(Permission.AssignPlansToResellers)]
    public async Task<IActionResult> AssignPlan(Guid id, Guid? servicePlanId, [FromServices] AssignPlanToReseller assign, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.ServicePlans, await assign.HandleAsync(id, servicePlanId, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/service-plans/{planId:guid}/remove")]
    [RequirePermission(Permission.AssignPlansToResellers)]
    public async Task<IActionResult> RemovePlan(Guid id, Guid planId, [FromServices] RemovePlanFromReseller remove, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.ServicePlans, await remove.HandleAsync(id, planId, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/accounts")]
    [RequirePermission(Permission.ManagePartnerAccounts)]
    public async Task<IActionResult> AddAccount(
        Guid id, AddAccountInput input, [FromServices] AddPartnerAccount add, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            input.Password = null;
            return await Redisplay(id, PartnerArea.Accounts, m => m.AddAccount = input, cancellationToken);
        }

        var result = await add.HandleAsync(id, input, cancellationToken);

        // A password is never sent back to the browser, whatever the outcome.
        input.Password = null;
        if (result.Succeeded)
        {
            ShowSetPasswordLinkOnce(result.Value!.UserId, result.Value.SetPasswordToken);
        }

        return await Outcome(id, PartnerArea.Accounts, result.Succeeded ? Result.Ok($"{input.Name} can now sign in as {input.Email}.") : result, m => m.AddAccount = input, cancellationToken);
    }

    [HttpPost("{id:guid}/accounts/{userId:guid}/roles")]
    [RequirePermission(Permission.ManagePartnerAccounts)]
    public async Task<IActionResult> ChangeRoles(Guid id, Guid userId, List<string> roles, [FromServices] ChangeAccountRoles change, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.Accounts, await change.HandleAsync(id, userId, roles, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/accounts/{userId:guid}/disable")]
    [RequirePermission(Permission.ManagePartnerAccounts)]
    public async Task<IActionResult> DisableAccount(Guid id, Guid userId, [FromServices] SetAccountDisabled set, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.Accounts, await set.HandleAsync(id, userId, disabled: true, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/accounts/{userId:guid}/enable")]
    [RequirePermission(Permission.ManagePartnerAccounts)]
    public async Task<IActionResult> EnableAccount(Guid id, Guid userId, [FromServices] SetAccountDisabled set, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.Accounts, await set.HandleAsync(id, userId, disabled: false, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/accounts/{userId:guid}/reset-two-factor")]
    [RequirePermission(Permission.ManagePartnerAccounts)]
    public async Task<IActionResult> ResetTwoFactor(Guid id, Guid userId, [FromServices] ResetAccountTwoFactor reset, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.Accounts, await reset.HandleAsync(id, userId, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/profile")]
    [RequirePermission(Permission.ManagePartners)]
    public async Task<IActionResult> Profile(
        Guid id, PartnerProfileInput input, [FromServices] UpdatePartnerProfile update, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await Redisplay(id, PartnerArea.Profile, m => m.Profile = input, cancellationToken);
        }

        return await Outcome(id, PartnerArea.Profile, await update.HandleAsync(id, input, cancellationToken), m => m.Profile = input, cancellationToken);
    }

    [HttpPost("{id:guid}/suspend")]
    [RequirePermission(Permission.ChangePartnerStatus)]
    public async Task<IActionResult> Suspend(Guid id, int version, [FromServices] ChangePartnerStatus change, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.Profile, await change.HandleAsync(id, PartnerStatusChange.Suspend, version, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/reactivate")]
    [RequirePermission(Permission.ChangePartnerStatus)]
    public async Task<IActionResult> Reactivate(Guid id, int version, [FromServices] ChangePartnerStatus change, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.Profile, await change.HandleAsync(id, PartnerStatusChange.Reactivate, version, cancellationToken), null, cancellationToken);

    [HttpPost("{id:guid}/cancel")]
    [RequirePermission(Permission.ChangePartnerStatus)]
    public async Task<IActionResult> Cancel(Guid id, CancelPartnerInput input, [FromServices] CancelPartner cancel, CancellationToken cancellationToken) =>
        await Outcome(id, PartnerArea.Profile, await cancel.HandleAsync(id, input.ConfirmName, input.Version, cancellationToken), m => m.Cancel = input, cancellationToken);

    /// <summary>Result → 404, PRG with a status message, or the same tab again with the messages next to the fields (R18).</summary>
    private async Task<IActionResult> Outcome(Guid id, PartnerArea tab, Result result, Action<PartnerPageModel>? keepInput, CancellationToken cancellationToken)
    {
        switch (result.Kind)
        {
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Ok:
                this.Flash(result.Message ?? "Saved.");
                return RedirectToAction(nameof(Show), new { id, tab = PartnerPageModel.Slug(tab) });
            case ResultKind.Refused:
            case ResultKind.Invalid:
            case ResultKind.Conflict:
                result.AddTo(ModelState);
                return await Redisplay(id, tab, keepInput, cancellationToken);
            default:
                throw new InvalidOperationException($"Unknown result {result.Kind}.");
        }
    }

    private async Task<IActionResult> Redisplay(Guid id, PartnerArea tab, Action<PartnerPageModel>? keepInput, CancellationToken cancellationToken)
    {
        var page = await Page(id, PartnerPageModel.Slug(tab), cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        keepInput?.Invoke(page);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Show), page);
    }

    private async Task<PartnerPageModel?> Page(Guid id, string? tab, CancellationToken cancellationToken)
    {
        var partner = await getPartner.HandleAsync(id, cancellationToken);
        if (partner is null)
        {
            return null;
        }

        var area = PartnerPageModel.ParseTab(tab) is { } parsed && partner.Tabs[parsed] ? parsed : PartnerArea.Licenses;
        return new PartnerPageModel
        {
            Partner = partner,
            Tab = area,
            Profile = PartnerProfileInput.From(partner),
            Cancel = new CancelPartnerInput { Version = partner.Version },
        };
    }

    private void ShowSetPasswordLinkOnce(Guid userId, string? token)
    {
        if (token is not null)
        {
            // TempData is read once: the link is shown on the next page only, never stored in the portal.
            TempData[SetPasswordLinkKey] = Url.Action("SetPassword", "SetPassword", new { userId, token }, Request.Scheme);
        }
    }
}
