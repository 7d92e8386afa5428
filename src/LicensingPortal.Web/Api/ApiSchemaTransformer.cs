using System.Text.Json;
using LicensingPortal.Web.Api.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LicensingPortal.Web.Api;

/// <summary>Schemas as the server really reads and writes them, where the C# types alone say something else.</summary>
internal sealed class ApiSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;

        // A nullable enum somewhere puts null into the enum's one shared schema, and then a null matched both sides
        // of the oneOf [null, enum] that nullable properties are written as (oneOf wants exactly one). The list
        // holds the values; a property that may be null says so itself.
        if (schema.Enum is { Count: > 0 } values && values.Any(v => v is null || v.GetValueKind() == JsonValueKind.Null))
        {
            schema.Enum = values.Where(v => v is not null && v.GetValueKind() != JsonValueKind.Null).ToList();
        }

        // The string enum converter writes names: say so, so generators type the enum as strings, not unknown.
        if (schema.Enum is { Count: > 0 } names && schema.Type is null && names.All(n => n!.GetValueKind() == JsonValueKind.String))
        {
            schema.Type = JsonSchemaType.String;
        }

        // A body member the server fills in when it is left out (a record parameter's default) is optional; its default is
        // told in words, because generators read `default` as "always present" (openapi-typescript makes it required),
        // which is true of answers, not of requests.
        if (context.JsonPropertyInfo is null && schema.Properties is { } members)
        {
            foreach (var member in members.Values.OfType<OpenApiSchema>().Where(m => m.Default is not null))
            {
                member.Description = $"{member.Description} Default: {member.Default!.ToJsonString()}.".TrimStart();
                member.Default = null;
            }
        }

        if (typeof(ProblemDetails).IsAssignableFrom(type) && context.JsonPropertyInfo is null)
        {
            // ApiProblems and the framework's ProblemDetailsFactory add these extension members (RFC 9457).
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties[ApiProblems.RuleCode] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The rule that made the refusal: R1 not found, R3 trial, R18 invalid input, R19 changed by someone else, R21 API...",
            };
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, as logged." };
        }

        if (type == typeof(LicenseModifyRequest) && context.JsonPropertyInfo is null)
        {
            // Every member is nullable in C# so that a missing setting can be named in the 400; on the wire the
            // settings are required and not null, and the plan, the date and the pending-value choice are optional.
            Require(schema, LicenseModifyRequest.RequiredMembers);
        }

        // R24: nullable in C# so that a missing member is named on its row; on the wire each report carries all three.
        if (type == typeof(UsageReportItem) && context.JsonPropertyInfo is null)
        {
            Require(schema, UsageReportItem.RequiredMembers);
        }

        if (type == typeof(UsageReportRequest) && context.JsonPropertyInfo is null)
        {
            Require(schema, ["reports"]);
        }

        return Task.CompletedTask;
    }

    /// <summary>The members a request must carry, marked required and not null.</summary>
    private static void Require(OpenApiSchema schema, IReadOnlyList<string> names)
    {
        schema.Required = new HashSet<string>(names);
        foreach (var name in names)
        {
            if (schema.Properties is { } properties && properties.TryGetValue(name, out var property) && property is OpenApiSchema member && member.Type is { } memberType)
            {
                member.Type = memberType & ~JsonSchemaType.Null;
            }
        }
    }
}
