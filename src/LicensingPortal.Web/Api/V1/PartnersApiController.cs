using System.ComponentModel.DataAnnotations;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Partners;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

public sealed record PartnerPageResource(IReadOnlyList<PartnerListItem> Items, int Total, int Page, int PageCount);

public sealed record PartnerResource(
    Guid Id,
    string Name,
    CompanyType Type,
    PartnerStatus Status,
    int Customers,
    string? ContactName,
    string? ContactEmail,
    string? Phone,
    string? Address,
    string Country,
    string DataCenter,
    bool LicensePoolRefill,
    bool RemoteManagerEnabled,
    DateTimeOffset CreatedAt,
    IReadOnlyList<PartnerPoolView> Pools,
    IReadOnlyList<PartnerPlanView> AssignedPlans);

/// <summary>Users &amp; Accounts › Partners, read-only (provider keys): the same use cases as the partner pages.</summary>
[Tags("Partners")]
[Route("api/v1/partners")]
public sealed class PartnersApiController : ApiControllerBase
{
    [RequirePermission(Permission.ViewPartners)]
    [HttpGet("", Name = "ListPartners")]
    [EndpointSummary("List partners")]
    [EndpointDescription("The provider's partners, searched, filtered and sorted; 20 a page unless `pageSize` says otherwise (up to 200). `page` past the last answers the last.")]
    [ProducesResponseType<PartnerPageResource>(StatusCodes.Status200OK)]
    public async Task<PartnerPageResource> List(
        [FromServices] ListPartners list, string? search, PartnerStatus? status, CompanyType? type, PartnerSort sort = PartnerSort.Name, int page = 1,
        [Range(1, Paging.MaxPageSize, ErrorMessage = PageSizeMessage)] int pageSize = ListPartners.PageSize, CancellationToken cancellationToken = default)
    {
        var view = await list.HandleAsync(new PartnerListQuery(search, status, type, sort, page, pageSize), cancellationToken);
        return new PartnerPageResource(view.Items, view.Total, view.Page, view.PageCount);
    }

    [RequirePermission(Permission.ViewPartners)]
    [HttpGet("{partnerId:guid}", Name = "GetPartner")]
    [EndpointSummary("Get a partner")]
    [EndpointDescription("A partner with its banner (R10), license pools (R12) and, for a reseller, its assigned plans (R14).")]
    [ProducesResponseType<PartnerResource>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PartnerResource>> Get([FromServices] GetPartner get, Guid partnerId, CancellationToken cancellationToken)
    {
        if (await get.HandleAsync(partnerId, cancellationToken) is not { } p)
        {
            return NotFoundProblem();
        }

        return new PartnerResource(p.Id, p.Name, p.Type, p.Status, p.Customers, p.ContactName, p.ContactEmail, p.Phone, p.Address, p.Country, p.DataCenter,
            p.LicensePoolRefill, p.RemoteManagerEnabled, p.CreatedAt, p.Pools, p.AssignedPlans);
    }
}
