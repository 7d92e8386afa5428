using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Web.Controllers;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

/// <summary>
/// Billing › Statements as an API (R24, R21): everything the statement pages do, through the same use cases. A
/// provider's key sees the statements it is owed, a partner's key its own (R1: anything else is 404). Changes need
/// <c>If-Match</c> with the statement's ETag (R19): 412 when someone changed it since, 428 without.
/// </summary>
[Tags("Statements")]
[Route("api/v1/statements")]
public sealed class StatementsApiController(GetStatement statements) : ApiControllerBase
{
    private const string Csv = "text/csv";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Pdf = "application/pdf";

    [RequirePermission(Permission.ViewBilling)]
    [HttpGet("", Name = "ListStatements")]
    [EndpointSummary("List a month's statements")]
    [EndpointDescription(
        "The statements of a month the key may see (a provider: its partners' and its own for its direct customers; a partner: its own), " +
        "filtered by `state` and part of the partner's name (`search`), by name, 50 a page. `month` is any day of the month (last month when left out). " +
        "`byState` counts the month's statements per state, `totals` sums the listed ones per currency.")]
    [ProducesResponseType<StatementPageResource>(StatusCodes.Status200OK)]
    public async Task<StatementPageResource> List(
        [FromServices] ListStatements list, DateOnly? month, StatementState? state, string? search, int page = 1, CancellationToken cancellationToken = default) =>
        StatementPageResource.From(await list.HandleAsync(new StatementFilter { Month = month, State = state, Search = search, Page = page }, cancellationToken));

    [RequirePermission(Permission.ViewBilling)]
    [HttpGet("{statementId:guid}", Name = "GetStatement")]
    [EndpointSummary("Get a statement")]
    [EndpointDescription(
        "A statement with its lines grouped by customer, its adjustments, 12 months of chargeable units by product, and what the key may do with it now (`can`). " +
        "The ETag is its version: send it as If-Match to adjust, submit, approve, reject or complete it.")]
    [ReturnsETag]
    [ProducesResponseType<StatementResource>(StatusCodes.Status200OK)]
    public Task<IActionResult> Get(Guid statementId, CancellationToken cancellationToken) => CurrentAsync(statementId, cancellationToken);

    [RequirePermission(Permission.ViewBilling)]
    [HttpGet("estimate/{companyId:guid}", Name = "GetStatementEstimate")]
    [EndpointSummary("Get this month's estimate for a buyer")]
    [EndpointDescription(
        "This month so far (state Open, `id` null), computed from the license history as the month's statement will be: the key's own company, or, " +
        "for a provider, one of its partners or its own id for its direct customers.")]
    [ProducesResponseType<StatementResource>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Estimate(Guid companyId, CancellationToken cancellationToken) =>
        await statements.EstimateAsync(companyId, cancellationToken) is { } view ? Ok(StatementResource.From(view)) : NotFoundProblem();

    [RequirePermission(Permission.ViewBilling)]
    [HttpGet("{statementId:guid}/export/{format:" + StatementFileResult.FormatConstraint + "}", Name = "ExportStatement")]
    [EndpointSummary("Download a statement as CSV, XLSX or PDF")]
    [EndpointDescription(
        "The statement's file, as the page's Export links give it: `csv` (one row per line, injection-safe), `xlsx` (sheets Lines with a totals row, " +
        "Customers, Statement) or `pdf` (lines grouped by customer with subtotals, adjustments, page numbers). The file name is in Content-Disposition.")]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, Csv, Xlsx, Pdf)]
    public async Task<IActionResult> Export([FromServices] ExportStatement export, Guid statementId, string format, CancellationToken cancellationToken) =>
        await export.HandleAsync(statementId, StatementFileResult.Format(format), cancellationToken) is { } file ? new StatementFileResult(file) : NotFoundProblem();

    [RequirePermission(Permission.ViewBilling)]
    [HttpGet("estimate/{companyId:guid}/export/{format:" + StatementFileResult.FormatConstraint + "}", Name = "ExportStatementEstimate")]
    [EndpointSummary("Download this month's estimate as CSV, XLSX or PDF")]
    [EndpointDescription("This month so far for a buyer, as a file (`csv`, `xlsx`, `pdf`), as the statement export writes it.")]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, Csv, Xlsx, Pdf)]
    public async Task<IActionResult> ExportEstimate([FromServices] ExportStatement export, Guid companyId, string format, CancellationToken cancellationToken) =>
        await export.EstimateAsync(companyId, StatementFileResult.Format(format), cancellationToken) is { } file ? new StatementFileResult(file) : NotFoundProblem();

    [RequirePermission(Permission.ManageStatements)]
    [HttpPost("{statementId:guid}/lines/{lineId:guid}/adjustment", Name = "AdjustStatementLine")]
    [EndpointSummary("Adjust a statement line")]
    [EndpointDescription(
        "The partner sets a line's chargeable units with a required `comment` while its statement is Preparing or Rejected (R24); the amount follows. " +
        "A provider's key, or a statement in another state, is refused (422, R24). Needs If-Match (R19). The answer is the statement.")]
    [ReturnsETag]
    [ProducesResponseType<StatementResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public Task<IActionResult> Adjust(
        [FromServices] AdjustStatementLine adjust, Guid statementId, Guid lineId, StatementAdjustmentRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        ChangeAsync(statementId, ifMatch, version => adjust.HandleAsync(statementId, new AdjustStatementLineInput
        {
            LineId = lineId,
            Chargeable = request.Chargeable,
            Comment = request.Comment,
            Version = version,
        }, cancellationToken), cancellationToken);

    [RequirePermission(Permission.ManageStatements)]
    [HttpPost("{statementId:guid}/submit", Name = "SubmitStatement")]
    [EndpointSummary("Submit a statement")]
    [EndpointDescription("The partner sends its reviewed statement (Preparing or Rejected) to its provider (R24). Needs If-Match (R19). The answer is the statement.")]
    [ReturnsETag]
    [ProducesResponseType<StatementResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public Task<IActionResult> Submit(
        [FromServices] SubmitStatement submit, Guid statementId, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        ChangeAsync(statementId, ifMatch, version => submit.HandleAsync(statementId, version, cancellationToken), cancellationToken);

    [RequirePermission(Permission.ManageStatements)]
    [HttpPost("{statementId:guid}/approve", Name = "ApproveStatement")]
    [EndpointSummary("Approve a statement")]
    [EndpointDescription("The provider approves a submitted statement: it is frozen, a later correction goes on a later month (R24). Needs If-Match (R19).")]
    [ReturnsETag]
    [ProducesResponseType<StatementResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public Task<IActionResult> Approve(
        [FromServices] DecideStatement decide, Guid statementId, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        ChangeAsync(statementId, ifMatch, version => decide.HandleAsync(statementId, StatementDecision.Approve, null, version, cancellationToken), cancellationToken);

    [RequirePermission(Permission.ManageStatements)]
    [HttpPost("{statementId:guid}/reject", Name = "RejectStatement")]
    [EndpointSummary("Reject a statement")]
    [EndpointDescription("The provider sends a submitted statement back to the partner with a required `reason` (R24). Needs If-Match (R19).")]
    [ReturnsETag]
    [ProducesResponseType<StatementResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public Task<IActionResult> Reject(
        [FromServices] DecideStatement decide, Guid statementId, StatementRejectionRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken cancellationToken) =>
        ChangeAsync(statementId, ifMatch, version => decide.HandleAsync(statementId, StatementDecision.Reject, request.Reason, version, cancellationToken), cancellationToken);

    [RequirePermission(Permission.ManageStatements)]
    [HttpPost("{statementId:guid}/complete", Name = "CompleteStatement")]
    [EndpointSummary("Mark a statement completed")]
    [EndpointDescription("The provider marks an approved statement invoiced and settled (R24). Needs If-Match (R19).")]
    [ReturnsETag]
    [ProducesResponseType<StatementResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public Task<IActionResult> Complete(
        [FromServices] DecideStatement decide, Guid statementId, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        ChangeAsync(statementId, ifMatch, version => decide.HandleAsync(statementId, StatementDecision.Complete, null, version, cancellationToken), cancellationToken);

    [RequirePermission(Permission.ManageStatements)]
    [HttpPost("decisions/preview", Name = "PreviewStatementDecisions")]
    [EndpointSummary("Preview a decision on many statements")]
    [EndpointDescription(
        "What approving, rejecting (with one `reason` for all) or completing the given statements would do, each refused one with its rule code (R22, R24). " +
        "Nothing is saved. Statements the key may not see are left out.")]
    [ProducesResponseType<StatementDecisionReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    public async Task<IActionResult> PreviewDecisions([FromServices] DecideStatements decide, DecideStatementsInput input, CancellationToken cancellationToken) =>
        Answer(await decide.PreviewAsync(input, cancellationToken));

    [RequirePermission(Permission.ManageStatements)]
    [HttpPost("decisions", Name = "DecideStatements")]
    [EndpointSummary("Decide many statements")]
    [EndpointDescription(
        "Approves, rejects or completes the given statements, each on its own, as its own page does; refused ones are listed with their rule code and " +
        "left as they were (R22, R24). Send an Idempotency-Key to make retries safe.")]
    [Idempotent]
    [ProducesResponseType<StatementDecisionReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    public async Task<IActionResult> Decide([FromServices] DecideStatements decide, DecideStatementsInput input, CancellationToken cancellationToken) =>
        Answer(await decide.ApplyAsync(input, cancellationToken));

    /// <summary>R19 over HTTP, then the change through its use case; the answer is the statement as it is now, with its new ETag.</summary>
    private async Task<IActionResult> ChangeAsync(Guid statementId, string? ifMatch, Func<int, Task<Result>> change, CancellationToken cancellationToken)
    {
        if (await statements.HandleAsync(statementId, cancellationToken) is not { } view)
        {
            return NotFoundProblem();
        }

        if (Precondition(ifMatch, view.Version) is { } refusal)
        {
            return refusal;
        }

        var result = await change(view.Version);
        return result.Succeeded ? await CurrentAsync(statementId, cancellationToken) : Problem(result);
    }

    private async Task<IActionResult> CurrentAsync(Guid statementId, CancellationToken cancellationToken)
    {
        if (await statements.HandleAsync(statementId, cancellationToken) is not { } view)
        {
            return NotFoundProblem();
        }

        Response.Headers.ETag = ETagOf(view.Version);
        return Ok(StatementResource.From(view));
    }
}
