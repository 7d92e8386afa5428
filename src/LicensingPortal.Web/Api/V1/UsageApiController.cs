using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

/// <summary>One report: the units of a license in use on a day (the day's highest report is kept).</summary>
public sealed record UsageReportItem(Guid? LicenseId, DateOnly? Day, int? Used)
{
    /// <summary>JSON names; every member is nullable in C# so that a missing one is named on its row. The OpenAPI document marks them required.</summary>
    public static IReadOnlyList<string> RequiredMembers { get; } = ["licenseId", "day", "used"];
}

/// <summary>R24: a batch of usage reports, saved whole or not at all (the wire contract; <see cref="ReportUsageInput"/> is what it maps onto).</summary>
public sealed record UsageReportRequest(IReadOnlyList<UsageReportItem>? Reports)
{
    public ReportUsageInput ToInput() => new() { Reports = (Reports ?? []).Select(r => new UsageRow(r?.LicenseId, r?.Day, r?.Used)).ToList() };
}

/// <summary>
/// R24: products report the units in use per license and day; a license's month of usage against what it provides.
/// The same use cases as the portal's usage upload (Integrations › Usage).
/// </summary>
[Tags("Usage")]
[Route("api/v1")]
public sealed class UsageApiController : ApiControllerBase
{
    /// <summary>A full batch as JSON (10,000 reports of some 80 bytes) with room to spare; the API's 64 KB elsewhere.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    [RequirePermission(Permission.ReportUsage)]
    [HttpPost("usage", Name = "ReportUsage")]
    [EndpointSummary("Report units in use")]
    [EndpointDescription(
        "A batch of up to 10,000 reports `{ \"reports\": [{ \"licenseId\", \"day\": \"2026-11-30\", \"used\": 12 }] }`, each the units of a license in use on a day (UTC). " +
        "A day keeps its highest report: sending a lower or equal figure, or the same batch again, changes nothing (`unchanged`). " +
        "The batch is saved whole or not at all: any wrong row is 400 with every wrong row named in `errors` (`reports[2].used`), nothing saved. " +
        "A day after today is refused (R24), `used` outside 0–999,999 too (R18); a license the key's company does not see is \"not found\" on its row, like one that does not exist (R1). " +
        "A license day that passes its provisioned units for the first time notifies the company owning the license and fires `usage.over_provisioned` (once per license and day). " +
        "Send an Idempotency-Key to make retries safe.")]
    [Idempotent]
    [RequestSizeLimit(MaxBodyBytes)]
    [ProducesResponseType<UsageReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    public async Task<IActionResult> Report([FromServices] ReportUsage report, UsageReportRequest request, CancellationToken cancellationToken) =>
        Answer(await report.HandleAsync(request.ToInput(), cancellationToken));

    [RequirePermission(Permission.ViewLicenses)]
    [HttpGet("licenses/{licenseId:guid}/usage", Name = "GetLicenseUsage")]
    [EndpointSummary("Get a license's usage for a month")]
    [EndpointDescription(
        "Each day of `month` (yyyy-MM, UTC; the current month when left out) up to today: the units provisioned (from the license's history, as a statement counts them), " +
        "the highest report of units in use (null: nothing reported) and the units over-provisioned (used above provisioned).")]
    [ProducesResponseType<LicenseUsageMonth>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    public async Task<IActionResult> Month([FromServices] GetLicenseUsage usage, Guid licenseId, [FromQuery] string? month, CancellationToken cancellationToken) =>
        Answer(await usage.HandleAsync(licenseId, month, cancellationToken));
}
