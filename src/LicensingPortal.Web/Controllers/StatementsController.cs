using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <param name="Statement">The statement with one page of its customers (<see cref="StatementView.Extent"/>).</param>
/// <param name="Adjust">The line adjustment that was refused, shown again next to its line as typed (R18).</param>
/// <param name="Reason">The reason typed into a refused rejection, shown again in its box.</param>
public sealed record StatementPage(StatementView Statement, AdjustStatementLineInput? Adjust = null, string? Reason = null);

/// <summary>
/// Billing › Statements › {statement} (R24): a month's statement (totals, 12 months by product, the lines by customer,
/// the adjustments) and what the user may do with it now: the partner adjusts lines and submits, the provider approves,
/// rejects or marks it completed. The estimate page is the same page for the current month, to read only.
/// </summary>
[RequirePermission(Permission.ViewBilling)]
[Route("billing")]
public sealed class StatementsController(GetStatement getStatement) : Controller
{
    /// <summary>The adjust form's own fields; any other message (the line is not there, the statement moved on) shows above the lines.</summary>
    private static readonly HashSet<string> AdjustFields = [nameof(AdjustStatementLineInput.Chargeable), nameof(AdjustStatementLineInput.Comment)];

    private static readonly Dictionary<string, string> AdjustFieldNames = new() { ["AdjustedChargeable"] = nameof(AdjustStatementLineInput.Chargeable) };

    private static readonly Dictionary<string, string> RejectFieldNames = new() { ["RejectionReason"] = "Reason" };

    [HttpGet("statements/{id:guid}")]
    public async Task<IActionResult> Show(Guid id, int page = 1, CancellationToken cancellationToken = default) =>
        await getStatement.PageAsync(id, page, cancellationToken: cancellationToken) is { } statement ? View(new StatementPage(statement)) : NotFound();

    /// <summary>This month so far for a buyer (a partner, or the provider's own direct customers): recomputed each time, nothing to act on.</summary>
    [HttpGet("estimate/{companyId:guid}")]
    public async Task<IActionResult> Estimate(Guid companyId, int page = 1, CancellationToken cancellationToken = default) =>
        await getStatement.EstimatePageAsync(companyId, page, cancellationToken) is { } estimate ? View(nameof(Show), new StatementPage(estimate)) : NotFound();

    [HttpPost("statements/{id:guid}/adjust")]
    [RequirePermission(Permission.ManageStatements)]
    public async Task<IActionResult> Adjust(
        Guid id, [Bind(Prefix = "Adjust")] AdjustStatementLineInput input, [FromServices] AdjustStatementLine adjust, int page, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            ExplainUnreadableHiddenFields("Adjust.Chargeable", "Adjust.Comment");
            return await RedisplayAsync(id, shown => shown with { Adjust = input }, cancellationToken, input.LineId);
        }

        var result = await adjust.HandleAsync(id, input, cancellationToken);
        result.AddTo(ModelState, "Adjust", typeof(AdjustStatementLineInput), AdjustFieldNames, AdjustFields);
        return await OutcomeAsync(id, result, shown => shown with { Adjust = input }, page, cancellationToken, input.LineId);
    }

    [HttpPost("statements/{id:guid}/submit")]
    [RequirePermission(Permission.ManageStatements)]
    public async Task<IActionResult> Submit(Guid id, int version, [FromServices] SubmitStatement submit, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            ExplainUnreadableHiddenFields();
            return await RedisplayAsync(id, null, cancellationToken);
        }

        var result = await submit.HandleAsync(id, version, cancellationToken);
        result.AddTo(ModelState);
        return await OutcomeAsync(id, result, null, 1, cancellationToken);
    }

    [HttpPost("statements/{id:guid}/approve")]
    [RequirePermission(Permission.ManageStatements)]
    public Task<IActionResult> Approve(Guid id, int version, [FromServices] DecideStatement decide, CancellationToken cancellationToken) =>
        DecideAsync(id, StatementDecision.Approve, null, version, decide, cancellationToken);

    [HttpPost("statements/{id:guid}/reject")]
    [RequirePermission(Permission.ManageStatements)]
    public Task<IActionResult> Reject(Guid id, string? reason, int version, [FromServices] DecideStatement decide, CancellationToken cancellationToken) =>
        DecideAsync(id, StatementDecision.Reject, reason, version, decide, cancellationToken);

    [HttpPost("statements/{id:guid}/complete")]
    [RequirePermission(Permission.ManageStatements)]
    public Task<IActionResult> Complete(Guid id, int version, [FromServices] DecideStatement decide, CancellationToken cancellationToken) =>
        DecideAsync(id, StatementDecision.Complete, null, version, decide, cancellationToken);

    private async Task<IActionResult> DecideAsync(Guid id, StatementDecision decision, string? reason, int version, DecideStatement decide, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            ExplainUnreadableHiddenFields("Reason");
            return await RedisplayAsync(id, page => page with { Reason = reason }, cancellationToken);
        }

        var result = await decide.HandleAsync(id, decision, reason, version, cancellationToken);
        result.AddTo(ModelState, fieldMap: RejectFieldNames, formFields: decision == StatementDecision.Reject ? new HashSet<string> { "Reason" } : []);
        return await OutcomeAsync(id, result, page => page with { Reason = reason }, 1, cancellationToken);
    }

    /// <summary>A value the page keeps hidden (the version, the line) that cannot be read has no field to show its message by: say so above the lines.</summary>
    private void ExplainUnreadableHiddenFields(params string[] shownFields)
    {
        if (ModelState.Any(entry => entry.Value is { Errors.Count: > 0 } && !shownFields.Contains(entry.Key, StringComparer.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError(string.Empty, "The form could not be read: reload the page and try again.");
        }
    }

    /// <summary>Result → 404, back to the statement with the sentence (PRG), or the page again with the messages where they belong (R18).</summary>
    /// <param name="page">The page of customers the form was on: back to it after an adjustment.</param>
    /// <param name="lineId">The line an adjustment was for: the page shown again is its customer's.</param>
    private async Task<IActionResult> OutcomeAsync(
        Guid id, Result result, Func<StatementPage, StatementPage>? keepInput, int page, CancellationToken cancellationToken, Guid? lineId = null)
    {
        switch (result.Kind)
        {
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Ok:
                this.Flash(result);
                return page > 1 ? RedirectToAction(nameof(Show), new { id, page }) : RedirectToAction(nameof(Show), new { id });
            default:
                return await RedisplayAsync(id, keepInput, cancellationToken, lineId);
        }
    }

    /// <summary>The first page of customers again, or the page of <paramref name="lineId"/>'s customer, with the messages (422).</summary>
    private async Task<IActionResult> RedisplayAsync(Guid id, Func<StatementPage, StatementPage>? keepInput, CancellationToken cancellationToken, Guid? lineId = null)
    {
        if (await getStatement.PageAsync(id, 1, lineId, cancellationToken) is not { } statement)
        {
            return NotFound();
        }

        var page = new StatementPage(statement);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Show), keepInput?.Invoke(page) ?? page);
    }
}
