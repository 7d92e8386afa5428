using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LicensingPortal.Web.Api;

/// <summary>
/// What every API operation does that its attributes do not say, written into the OpenAPI document from the
/// same facts the server acts on: the filters and conventions of <see cref="ApiControllerBase"/>. A client
/// generated from the document then sees the headers the server sends and the answers it gives.
/// </summary>
internal sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    public const string IfMatchHeader = "If-Match";

    /// <summary>The error answers' sentences, shown in the reference instead of the bare reason phrase.</summary>
    private static readonly Dictionary<int, string> ErrorDescriptions = new()
    {
        [400] = "Invalid input (R18): a body or query value that does not bind or fails validation; `errors` names each field.",
        [401] = "No valid API key (R21).",
        [404] = "Not found, or not the key's company's to see or its role's to do (R1).",
        [409] = "A request with this Idempotency-Key is still being processed: retry shortly.",
        [412] = "Changed by someone else since the ETag was read (R19): nothing changed; GET it again.",
        [413] = "The body is larger than the operation accepts (64 KB for JSON).",
        [415] = "The body's Content-Type is not one the operation accepts.",
        [422] = "Refused by a rule, named in `ruleCode` (e.g. R3 trial, R4 End of Life, R5 locked, R11 partner status, R12 pool).",
        [428] = "If-Match is missing (R19): send the ETag of the GET, so a change made meanwhile is not overwritten.",
        [429] = "Too many requests for this API key: wait the seconds in Retry-After.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var idempotent = metadata.OfType<IdempotentAttribute>().Any();
        var returnsETag = metadata.OfType<ReturnsETagAttribute>().Any();
        var parameters = operation.Parameters ??= [];
        var responses = operation.Responses ??= [];

        foreach (var parameter in parameters.OfType<OpenApiParameter>().Where(p => p is { In: ParameterLocation.Header, Name: IfMatchHeader }))
        {
            // ApiControllerBase.Precondition answers 428 without it: it is required, whatever the C# parameter's nullability says.
            parameter.Required = true;
            parameter.Description = "The ETag of the GET (the version read). Stale: 412; missing: 428 (R19).";
        }

        if (idempotent)
        {
            parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyFilter.HeaderName,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Any unique string (a UUID): a retry with the same key and the same request gets the first answer again, with no second effect; the same key with another request is 422.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = LicensingPortal.Infrastructure.ApiKeys.IdempotentRequest.KeyMaxLength },
            });
            Ensure(responses, context, 409, "ProblemDetails");
            Ensure(responses, context, 422, "ProblemDetails");
        }

        // [ApiController] answers 400 itself when a body or a query value does not bind (R18).
        if (operation.RequestBody is not null || parameters.Any(p => p.In == ParameterLocation.Query))
        {
            Ensure(responses, context, 400, "ValidationProblemDetails");
        }

        if (operation.RequestBody is not null)
        {
            Ensure(responses, context, 413, "ProblemDetails");
            Ensure(responses, context, 415, "ProblemDetails");
        }

        foreach (var (code, response) in responses.Select(r => (int.Parse(r.Key, CultureInfo.InvariantCulture), r.Value)).ToList())
        {
            if (response is not OpenApiResponse answer)
            {
                continue;
            }

            if (code is >= 200 and < 300)
            {
                // MVC would also write text/json (or text/plain when asked); the contract is JSON. A file (a statement's
                // CSV, XLSX or PDF) keeps its own media types.
                if (answer.Content is { } content && content.ContainsKey("application/json"))
                {
                    foreach (var mediaType in content.Keys.Where(k => k != "application/json").ToList())
                    {
                        content.Remove(mediaType);
                    }
                }

                if (returnsETag)
                {
                    AddHeader(answer, "ETag", required: true, "The version of what this answer shows, quoted: send it as If-Match to change it (R19).");
                }

                if (code == 201)
                {
                    AddHeader(answer, "Location", required: true, "Where the created resource is read.");
                }
            }
            else if (ErrorDescriptions.TryGetValue(code, out var description))
            {
                answer.Description = description;
            }

            if (code == 401)
            {
                AddHeader(answer, "WWW-Authenticate", required: true, "The scheme to authenticate with: Bearer.");
            }

            if (code == 429)
            {
                AddHeader(answer, "Retry-After", required: true, "Seconds to wait before the next request with this key.", JsonSchemaType.Integer);
            }

            // Answers given before the action filter runs (authentication, media type, body size, rate limit) are never stored, so never replayed.
            if (idempotent && code is not (401 or 409 or 413 or 415 or 429))
            {
                AddHeader(answer, IdempotencyFilter.ReplayedHeader, required: false, "`true` when this answer is the stored answer to an earlier request with the same Idempotency-Key.");
            }
        }

        // Answers in status order, so the reference reads success first.
        var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        responses.Clear();
        foreach (var (code, response) in sorted)
        {
            responses.Add(code, response);
        }

        return Task.CompletedTask;
    }

    private static void Ensure(OpenApiResponses responses, OpenApiOperationTransformerContext context, int status, string problemSchema)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        if (!responses.ContainsKey(code))
        {
            responses[code] = new OpenApiResponse
            {
                Description = ErrorDescriptions[status],
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ApiProblems.ContentType] = new() { Schema = new OpenApiSchemaReference(problemSchema, context.Document) },
                },
            };
        }
    }

    private static void AddHeader(OpenApiResponse response, string name, bool required, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Required = required, Description = description, Schema = new OpenApiSchema { Type = type } };
    }
}
