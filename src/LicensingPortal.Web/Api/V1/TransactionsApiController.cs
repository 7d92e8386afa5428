using System.ComponentModel.DataAnnotations;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Reports;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

/// <summary>One page of transactions and the cursor of the next: pass <c>nextBefore</c> as <c>before</c>.</summary>
public sealed record TransactionPageResource(IReadOnlyList<TransactionRow> Items, DateTimeOffset? NextBefore, DateOnly From, DateOnly To);

/// <summary>Reports › Transactions (R9), newest first, keyset-paged on time.</summary>
[Tags("Transactions")]
[Route("api/v1/transactions")]
public sealed class TransactionsApiController : ApiControllerBase
{
    [RequirePermission(Permission.ViewReports)]
    [HttpGet("", Name = "ListTransactions")]
    [EndpointSummary("List transactions")]
    [EndpointDescription(
        "Transactions newest first, filtered by customer name, type and dates (`from`-`to`, the last 90 days unless given, two years at most); " +
        "50 a page unless `pageSize` says otherwise (up to 200), keyset-paged: pass `nextBefore` as `before` (null on the last page).")]
    [ProducesResponseType<TransactionPageResource>(StatusCodes.Status200OK)]
    public async Task<TransactionPageResource> List(
        [FromServices] ListTransactions list, string? customer, TransactionType? type, DateOnly? from, DateOnly? to, DateTimeOffset? before,
        [Range(1, Paging.MaxPageSize, ErrorMessage = PageSizeMessage)] int pageSize = ListTransactions.PageSize, CancellationToken cancellationToken = default)
    {
        var page = await list.HandleAsync(new TransactionQuery(customer, type, from, to, before, pageSize), cancellationToken);
        return new TransactionPageResource(page.Rows, page.HasMore ? page.Rows[^1].At : null, page.From, page.To);
    }
}
