using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <param name="Months">The months the picker offers: the last two years up to last month (the month being reviewed).</param>
/// <param name="LastMonth">The newest month that has closed: later ones have no statements yet.</param>
/// <param name="Decide">The bulk decision as chosen (the ticked statements, approve or reject, the reason).</param>
/// <param name="Report">The preview (what would be decided, what is refused and why) or, once applied, what was.</param>
public sealed record StatementsPage(StatementList List, IReadOnlyList<DateOnly> Months, DateOnly LastMonth, DecideStatementsInput Decide, StatementDecisionReport? Report = null);

/// <summary>
/// Billing (R24): the provider lands on Billing › Statements, every partner's statement of a month, and approves or
/// rejects them in bulk with a preview (R22's way); a partner lands on its own billing page, this month's estimate and
/// its statements. Each statement's page is <see cref="StatementsController"/>'s.
/// </summary>
[RequirePermission(Permission.ViewBilling)]
[Route("billing")]
public sealed class BillingController(ListStatements listStatements) : Controller
{
    private const int MonthsOffered = 24;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] GetBillingOverview overview, [FromServices] ICurrentUser user, CancellationToken cancellationToken)
    {
        if (user.CompanyType == CompanyType.Provider)
        {
            return RedirectToAction(nameof(Statements));
        }

        return await overview.HandleAsync(user.CompanyId, cancellationToken) is { } found ? View(found) : NotFound();
    }

    /// <summary>A month or state that cannot be read (a hand-made link) is left out: the page shows last month, or every state.</summary>
    [HttpGet("statements")]
    public async Task<IActionResult> Statements([FromServices] TimeProvider clock, StatementFilter filter, CancellationToken cancellationToken) =>
        View(await PageAsync(clock, filter, new DecideStatementsInput(), null, cancellationToken));

    /// <summary>What the decision would do to each ticked statement; saves nothing.</summary>
    [HttpPost("statements/decide/preview")]
    [RequirePermission(Permission.ManageStatements)]
    public Task<IActionResult> Preview(
        [FromServices] DecideStatements decide, [FromServices] TimeProvider clock, [FromQuery] StatementFilter filter, DecideStatementsInput input, CancellationToken cancellationToken) =>
        DecideAsync(clock, filter, input, () => decide.PreviewAsync(input, cancellationToken), cancellationToken);

    /// <summary>Answers with the report itself (not a redirect): it lists what became of each statement.</summary>
    [HttpPost("statements/decide")]
    [RequirePermission(Permission.ManageStatements)]
    public Task<IActionResult> Apply(
        [FromServices] DecideStatements decide, [FromServices] TimeProvider clock, [FromQuery] StatementFilter filter, DecideStatementsInput input, CancellationToken cancellationToken) =>
        DecideAsync(clock, filter, input, () => decide.ApplyAsync(input, cancellationToken), cancellationToken);

    private async Task<IActionResult> DecideAsync(
        TimeProvider clock, StatementFilter filter, DecideStatementsInput input, Func<Task<Result<StatementDecisionReport>>> run, CancellationToken cancellationToken)
    {
        StatementDecisionReport? report = null;
        if (ModelState.IsValid)
        {
            var result = await run();
            result.AddTo(ModelState, formType: typeof(DecideStatementsInput));
            report = result.Value;
        }

        if (report is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View(nameof(Statements), await PageAsync(clock, filter, input, report, cancellationToken));
    }

    private async Task<StatementsPage> PageAsync(TimeProvider clock, StatementFilter filter, DecideStatementsInput input, StatementDecisionReport? report, CancellationToken cancellationToken)
    {
        var list = await listStatements.HandleAsync(filter, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var months = Enumerable.Range(0, MonthsOffered).Select(lastMonth.AddMonths(-MonthsOffered + 1).AddMonths).ToList();
        if (!months.Contains(list.Month))
        {
            months.Add(list.Month);
        }

        return new StatementsPage(list, [.. months.OrderDescending()], lastMonth, input, report);
    }
}
