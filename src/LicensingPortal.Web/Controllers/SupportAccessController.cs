using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Support;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

public sealed record SupportStartPage(SupportTarget Target, StartSupportSessionInput Input);

/// <summary>
/// R26, support access ("view as"): a provider's support engineer or administrator starts a session on a partner or a
/// customer (a reason, at most 60 minutes), asks for write access and ends it from the banner; the company's
/// administrator consents to writes for a time, revokes or ends the session on Support access.
/// </summary>
public sealed class SupportAccessController : Controller
{
    [HttpGet("support/start/{companyId:guid}")]
    [RequirePermission(Permission.StartSupportSessions)]
    public async Task<IActionResult> Start([FromServices] GetSupportTarget target, Guid companyId, CancellationToken cancellationToken) =>
        await target.HandleAsync(companyId, cancellationToken) is { } found
            ? View(new SupportStartPage(found, new StartSupportSessionInput()))
            : NotFound();

    [HttpPost("support/start/{companyId:guid}")]
    [RequirePermission(Permission.StartSupportSessions)]
    public async Task<IActionResult> Start(
        [FromServices] GetSupportTarget target, [FromServices] StartSupportSession start, Guid companyId, [Bind(Prefix = "Input")] StartSupportSessionInput input, CancellationToken cancellationToken)
    {
        if (await target.HandleAsync(companyId, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(new SupportStartPage(found, input));
        }

        var result = await start.HandleAsync(companyId, input, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            result.AddTo(ModelState, "Input", typeof(StartSupportSessionInput));
            return View(new SupportStartPage(found, input));
        }

        SupportSessions.SetCookie(HttpContext, result.Value);
        this.Flash(result);
        return Redirect(found.CompanyType == CompanyType.Customer ? "/my/licenses" : "/");
    }

    /// <summary>The banner's "End": back to the company's page in the user's own portal.</summary>
    [HttpPost("support/end")]
    [RequirePermission(Permission.ManageOwnAccount)]
    public async Task<IActionResult> End([FromServices] EndSupportSession end, CancellationToken cancellationToken)
    {
        SupportSessions.DeleteCookie(HttpContext);
        if (User.SessionId() is not { } sessionId)
        {
            this.Flash("The support session had already ended.", "info");
            return Redirect("/");
        }

        var company = User.CompanyId();
        var customer = User.CompanyType() == CompanyType.Customer;
        this.Flash(await end.HandleAsync(sessionId, cancellationToken));
        return Redirect(customer ? $"/customers/{company}" : $"/partners/{company}");
    }

    [HttpPost("support/request-write")]
    [RequirePermission(Permission.ManageOwnAccount)]
    public async Task<IActionResult> RequestWrite([FromServices] RequestSupportWriteAccess request, CancellationToken cancellationToken)
    {
        if (User.SessionId() is not { } sessionId)
        {
            return NotFound();
        }

        this.Flash(await request.HandleAsync(sessionId, cancellationToken));
        return Redirect(LocalReferrer());
    }

    /// <summary>The company's own page: its support sessions, pending write requests first.</summary>
    [HttpGet("support-access")]
    [RequirePermission(Permission.ConsentToSupportAccess)]
    public async Task<IActionResult> Index([FromServices] ListSupportSessions list, CancellationToken cancellationToken) =>
        await list.HandleAsync(cancellationToken) is { Visible: true } page ? View(page) : NotFound();

    [HttpPost("support-access/{sessionId:guid}/grant")]
    [RequirePermission(Permission.ConsentToSupportAccess)]
    public async Task<IActionResult> Grant([FromServices] GrantSupportWriteAccess grant, Guid sessionId, int minutes, int version, CancellationToken cancellationToken) =>
        Decided(await grant.HandleAsync(sessionId, minutes, version, cancellationToken), "Not granted: ");

    [HttpPost("support-access/{sessionId:guid}/revoke")]
    [RequirePermission(Permission.ConsentToSupportAccess)]
    public async Task<IActionResult> Revoke([FromServices] RevokeSupportWriteAccess revoke, Guid sessionId, CancellationToken cancellationToken) =>
        Decided(await revoke.HandleAsync(sessionId, cancellationToken));

    [HttpPost("support-access/{sessionId:guid}/end")]
    [RequirePermission(Permission.ConsentToSupportAccess)]
    public async Task<IActionResult> EndByCompany([FromServices] EndSupportSession end, Guid sessionId, CancellationToken cancellationToken) =>
        User.SessionId() is not null ? NotFound() : Decided(await end.HandleAsync(sessionId, cancellationToken));

    private IActionResult Decided(Result result, string? refusedPrefix = null)
    {
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result, refusedPrefix);
        return RedirectToAction(nameof(Index));
    }

    private string LocalReferrer() =>
        Request.Headers.Referer.ToString() is { Length: > 0 } referrer && Uri.TryCreate(referrer, UriKind.Absolute, out var uri)
            && uri.Host == Request.Host.Host && Url.IsLocalUrl(uri.PathAndQuery)
            ? uri.PathAndQuery
            : "/";
}
