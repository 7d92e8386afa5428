using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Notifications;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Web.Models.Notifications;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>
/// R20 in the portal: the user's notifications (the bell), their settings per kind, the provider's email
/// templates, and the email outbox for administrators.
/// </summary>
[Route("notifications")]
public sealed class NotificationsController : Controller
{
    [RequirePermission(Permission.ManageOwnAccount)]
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListNotifications list, DateTimeOffset? before, CancellationToken cancellationToken) =>
        View(await list.HandleAsync(before, cancellationToken));

    /// <summary>Marks the notification read and goes to what it is about (a POST: reading changes state).</summary>
    [RequirePermission(Permission.ManageOwnAccount)]
    [HttpPost("{notificationId:guid}/open")]
    public async Task<IActionResult> Open([FromServices] OpenNotification open, Guid notificationId, CancellationToken cancellationToken)
    {
        var result = await open.HandleAsync(notificationId, cancellationToken);
        return result.Succeeded ? LocalRedirect(result.Value!) : NotFound();
    }

    [RequirePermission(Permission.ManageOwnAccount)]
    [HttpPost("read-all")]
    public async Task<IActionResult> ReadAll([FromServices] MarkAllNotificationsRead markAll, CancellationToken cancellationToken)
    {
        this.Flash((await markAll.HandleAsync(cancellationToken)).Message!);
        return RedirectToAction(nameof(Index));
    }

    [RequirePermission(Permission.ManageOwnAccount)]
    [HttpGet("settings")]
    public async Task<IActionResult> Settings([FromServices] GetNotificationSettings get, [FromServices] GetPoolWarning getPoolWarning, CancellationToken cancellationToken) =>
        View(new SettingsPage(
            await get.HandleAsync(cancellationToken),
            await getPoolWarning.HandleAsync(cancellationToken) is { } warning ? PoolWarningInput.From(warning) : null));

    [RequirePermission(Permission.ManageOwnAccount)]
    [HttpPost("settings")]
    public async Task<IActionResult> Settings([FromServices] SaveNotificationSettings save, [FromForm(Name = "Enabled")] Dictionary<NotificationKind, bool>? enabled, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // Only a crafted POST gets here (the page sends "true" or nothing): say so, save nothing.
            this.Flash("Nothing was saved: the settings sent were not the page's. Tick the kinds you want and save again.", "danger");
            return RedirectToAction(nameof(Settings));
        }

        var on = (enabled ?? []).Where(e => e.Value).Select(e => e.Key).ToList();
        this.Flash((await save.HandleAsync(on, cancellationToken)).Message!);
        return RedirectToAction(nameof(Settings));
    }

    private static readonly Dictionary<string, string> PoolWarningFields = new(StringComparer.Ordinal) { ["PoolWarningPercent"] = nameof(PoolWarningInput.Percent) };

    /// <summary>The partner's "license pool running low" threshold; a bad value is shown next to the field with the rest of the page.</summary>
    [RequirePermission(Permission.ManagePoolWarnings)]
    [HttpPost("pool-warning")]
    public async Task<IActionResult> PoolWarning(
        [Bind(Prefix = nameof(SettingsPage.PoolWarning))] PoolWarningInput input, [FromServices] SetPoolWarning set,
        [FromServices] GetNotificationSettings get, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await set.HandleAsync(input, cancellationToken);
            if (result.Succeeded)
            {
                this.Flash(result.Message!);
                return RedirectToAction(nameof(Settings));
            }

            result.AddTo(ModelState, nameof(SettingsPage.PoolWarning), typeof(PoolWarningInput), PoolWarningFields);
        }

        return View(nameof(Settings), new SettingsPage(await get.HandleAsync(cancellationToken), input));
    }

    [RequirePermission(Permission.ManageNotificationTemplates)]
    [HttpGet("templates")]
    public async Task<IActionResult> Templates([FromServices] ListNotificationTemplates list, CancellationToken cancellationToken) =>
        View(await list.HandleAsync(cancellationToken));

    [RequirePermission(Permission.ManageNotificationTemplates)]
    [HttpGet("templates/edit")]
    public async Task<IActionResult> Template([FromServices] GetNotificationTemplate get, NotificationKind? kind, CancellationToken cancellationToken)
    {
        if (kind is not { } k || !Enum.IsDefined(k))
        {
            return NotFound();
        }

        var template = await get.HandleAsync(k, cancellationToken);
        var input = new TemplateInput { Subject = template.Subject, Body = template.Body, Version = template.Version };
        return View(new TemplatePage(k, template.Customized, input, PreviewNotificationTemplate.Render(input.Subject, input.Body).Value));
    }

    /// <summary>Save, or (with <paramref name="preview"/>) show what the email would look like without saving.</summary>
    [RequirePermission(Permission.ManageNotificationTemplates)]
    [HttpPost("templates/edit")]
    public async Task<IActionResult> Template(
        [FromServices] SaveNotificationTemplate save, NotificationKind? kind, [Bind(Prefix = "Input")] TemplateInput input, string? preview, CancellationToken cancellationToken)
    {
        if (kind is not { } k || !Enum.IsDefined(k))
        {
            return NotFound();
        }

        var rendered = PreviewNotificationTemplate.Render(input.Subject, input.Body);
        if (!ModelState.IsValid || !rendered.Succeeded)
        {
            rendered.AddTo(ModelState, "Input", typeof(TemplateInput));
            return View(new TemplatePage(k, input.Version > 0, input, null));
        }

        if (preview is not null)
        {
            return View(new TemplatePage(k, input.Version > 0, input, rendered.Value));
        }

        var result = await save.HandleAsync(k, input, cancellationToken);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, "Input", typeof(TemplateInput));
            return View(new TemplatePage(k, input.Version > 0, input, rendered.Value));
        }

        this.Flash(result.Message!);
        return RedirectToAction(nameof(Templates));
    }

    [RequirePermission(Permission.ManageNotificationTemplates)]
    [HttpPost("templates/reset")]
    public async Task<IActionResult> ResetTemplate([FromServices] ResetNotificationTemplate reset, NotificationKind? kind, CancellationToken cancellationToken)
    {
        if (kind is not { } k || !Enum.IsDefined(k))
        {
            return NotFound();
        }

        this.Flash((await reset.HandleAsync(k, cancellationToken)).Message!);
        return RedirectToAction(nameof(Templates));
    }

    [RequirePermission(Permission.ViewEmailDeliveries)]
    [HttpGet("emails")]
    public async Task<IActionResult> Emails([FromServices] ListEmailDeliveries list, CancellationToken cancellationToken) =>
        View(await list.HandleAsync(cancellationToken));

    [RequirePermission(Permission.ViewEmailDeliveries)]
    [HttpPost("emails/{emailId:guid}/retry")]
    public async Task<IActionResult> Retry([FromServices] RetryEmail retry, Guid emailId, CancellationToken cancellationToken)
    {
        var result = await retry.HandleAsync(emailId, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result.Message!, result.Succeeded ? "success" : "danger");
        return RedirectToAction(nameof(Emails));
    }
}
