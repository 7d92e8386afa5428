using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LicensingPortal.Web.Api;

/// <summary>What a reader of the OpenAPI document needs first: how to authenticate, how refusals look, what each group of operations is.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    /// <summary>One sentence per <c>[Tags]</c> name used by the API controllers (the reference shows it above the group).</summary>
    internal static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>
    {
        ["Customers"] = "Customers the key's company may see (R1): list, read, create, and assign a service plan (a new purchase, R12).",
        ["Customer licenses"] = "A customer's license as the modify page shows it: read, modify now or on a date, cancel the pending change, convert a trial (R2-R7, R19).",
        ["Bulk license changes"] = "One change on many licenses, previewed then applied license by license (R22), as JSON or as a CSV file.",
        ["Partners"] = "The provider's partners, read-only: banner, license pools, assigned plans (R10-R14).",
        ["Service plans"] = "The company's service plans, and the suite composition changes awaiting its approval (R5, R14).",
        ["Transactions"] = "Reports › Transactions: every purchase, change, renewal and conversion, newest first (R9).",
        ["Notifications"] = "The partner's license pool warning threshold (R20).",
        ["Webhooks"] = "Webhook endpoints, their signing secrets and delivery logs (docs/webhooks.md).",
        ["Prices"] = "The provider's dated price list and partner prices, an MSP's resale prices, a plan's charging policy (R24, docs/billing.md).",
        ["License requests"] = "Customers' change requests (R25): a partner's queue (list, read, approve, decline) and a customer's own key's requests (ask, list, read, withdraw).",
        ["My licenses"] = "A customer's own key (R25): the customer's licenses as its users' My licenses page shows them.",
        ["Statements"] = "Monthly statements (R24): list, read with lines, this month's estimate, export (CSV, XLSX, PDF), adjust a line, submit, approve, reject, complete, decide many (docs/billing.md).",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "LicensingPortal API",
            Version = "v1",
            Description =
                "Everything the portal's pages do, under the same rules, permissions and tenancy (R21). " +
                "Authenticate with an API key from the API Keys page: `Authorization: Bearer <key>` (or `X-Api-Key`). " +
                "Refusals are problem details (RFC 9457) with the rule code in `ruleCode` (e.g. R3 for a trial license). " +
                "Another company's ids answer 404 (R1). Changes to a license, a plan, a webhook endpoint, a statement or the pool warning need `If-Match` with the `ETag` of the GET (R19: 412 when stale, 428 when missing). " +
                "Creating POSTs accept `Idempotency-Key`: a retry with the same key gets the same answer (`Idempotent-Replayed: true`) and has no second effect. " +
                "Paged lists take `pageSize` (1-200). Each key is rate limited (429 with `Retry-After`).",
        };

        // The server's address as the request reached it, without the trailing slash (paths start with one).
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : "/";
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is not null && TagDescriptions.TryGetValue(tag.Name, out var description))
            {
                tag.Description = description;
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key created on the API Keys page (it starts with lp_).",
        };
        document.Components.SecuritySchemes["ApiKeyHeader"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "The same API key in the X-Api-Key header, for clients that cannot set Authorization.",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKeyHeader", document)] = [] },
        ];
        return Task.CompletedTask;
    }
}
