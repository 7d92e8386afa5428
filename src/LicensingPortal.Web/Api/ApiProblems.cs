using LicensingPortal.Application.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace LicensingPortal.Web.Api;

/// <summary>
/// Problem details (RFC 9457) for the API. Every refusal carries the rule that made it in the extension
/// member <c>ruleCode</c> (R1 not found, R3 trial, R18 bad input, R19 changed by someone else...).
/// </summary>
public static class ApiProblems
{
    public const string RuleCode = "ruleCode";
    public const string ContentType = "application/problem+json";

    /// <summary>The answer to a use case's failure: 404 (R1), 422 (a rule refused), 400 (bad input), 412 (R19).</summary>
    public static ObjectResult From(ControllerBase controller, Result result)
    {
        var (status, title) = result.Kind switch
        {
            ResultKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ResultKind.Refused => (StatusCodes.Status422UnprocessableEntity, "Refused by a rule"),
            ResultKind.Invalid => (StatusCodes.Status400BadRequest, "Invalid input"),
            ResultKind.Conflict => (StatusCodes.Status412PreconditionFailed, "Changed by someone else"),
            ResultKind.Ok => throw new InvalidOperationException("A successful result is not a problem."),
        };

        return Create(controller, status, title, result.Message, result.RuleCode, result.Kind is ResultKind.Invalid or ResultKind.Refused ? result.Errors : null);
    }

    public static ObjectResult Create(ControllerBase controller, int status, string title, string? detail, string? ruleCode, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var factory = controller.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        ProblemDetails problem;
        if (errors is { Count: > 0 } && errors.Keys.Any(k => k.Length > 0))
        {
            var modelState = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    modelState.AddModelError(field, message);
                }
            }

            problem = factory.CreateValidationProblemDetails(controller.HttpContext, modelState, status, title, detail: detail);
        }
        else
        {
            problem = factory.CreateProblemDetails(controller.HttpContext, status, title, detail: detail);
        }

        if (ruleCode is not null)
        {
            problem.Extensions[RuleCode] = ruleCode;
        }

        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { ContentType } };
    }

    /// <summary>For answers written outside MVC (authentication, rate limiting, unknown routes).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, string? ruleCode)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (ruleCode is not null)
        {
            problem.Extensions[RuleCode] = ruleCode;
        }

        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        }).AsTask();
    }
}
