using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LicensingPortal.Web.Api;

/// <summary>What a reader of the OpenAPI document needs first: how to authenticate, and how refusals look.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
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
                "Another company's ids answer 404 (R1). License changes need `If-Match` with the license's ETag (R19: 412 when stale, 428 when missing). " +
                "Creating POSTs accept `Idempotency-Key`: a retry with the same key gets the same answer and has no second effect. " +
                "Each key is rate limited (429 with Retry-After).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key created on the API Keys page (it starts with lp_).",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
        return Task.CompletedTask;
    }
}
