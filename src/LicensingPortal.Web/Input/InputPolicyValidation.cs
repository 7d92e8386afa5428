using System.ComponentModel.DataAnnotations;
using LicensingPortal.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace LicensingPortal.Web.Input;

/// <summary>
/// The input policy (ADR 0014) where input enters: every string and every <see cref="DateOnly"/> MVC binds, from a
/// form, the query, the route or an API body, is checked during model validation, so a form or endpoint added
/// later is covered without naming its fields. Text may hold no control character (tab and line breaks only in
/// a property or parameter marked <c>[DataType(DataType.MultilineText)]</c>); a date lies within
/// <see cref="InputPolicy.DateWindow"/>. The message goes next to its field like any other (R18); an API
/// controller answers it as problem details before its action runs. A value marked <c>[ValidateNever]</c> is
/// checked where it is read instead (a CSV file, cell by cell, with the line and column named).
/// </summary>
public sealed class InputPolicyValidatorProvider : IModelValidatorProvider
{
    private static readonly TextValidator SingleLine = new(multiLine: false);
    private static readonly TextValidator MultiLine = new(multiLine: true);

    public void CreateValidators(ModelValidatorProviderContext context)
    {
        var metadata = context.ModelMetadata;
        if (metadata.PropertyValidationFilter is ValidateNeverAttribute)
        {
            // Checked where it is read, e.g. a CSV file cell by cell, with the line and column named.
            return;
        }

        IModelValidator? validator = metadata.UnderlyingOrModelType switch
        {
            var t when t == typeof(string) => metadata.DataTypeName == nameof(DataType.MultilineText) ? MultiLine : SingleLine,
            var t when t == typeof(DateOnly) => DateValidator.Instance,
            _ => null,
        };
        if (validator is not null)
        {
            context.Results.Add(new ValidatorItem { Validator = validator, IsReusable = true });
        }
    }

    /// <summary>"ContactEmail" or "from" → "Contact email", "From": the field as a sentence names it.</summary>
    internal static string Label(ModelMetadata metadata)
    {
        if (metadata.DisplayName is { Length: > 0 } display)
        {
            return display;
        }

        var name = metadata.Name ?? metadata.ParameterName ?? "The value";
        var words = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i == 0)
            {
                words.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsUpper(c))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }

    private static IEnumerable<ModelValidationResult> Refuse(ModelValidationContext context, string message)
    {
        RefusedInput.Record(context.ActionContext.HttpContext, message);
        return [new ModelValidationResult(string.Empty, message)];
    }

    private sealed class TextValidator(bool multiLine) : IModelValidator
    {
        public IEnumerable<ModelValidationResult> Validate(ModelValidationContext context) =>
            context.Model is string text && InputPolicy.TextProblem(text, Label(context.ModelMetadata), multiLine) is { } problem
                ? Refuse(context, problem)
                : [];
    }

    private sealed class DateValidator : IModelValidator
    {
        public static readonly DateValidator Instance = new();

        public IEnumerable<ModelValidationResult> Validate(ModelValidationContext context) =>
            context.Model is DateOnly date && InputPolicy.DateProblem(date, Label(context.ModelMetadata)) is { } problem
                ? Refuse(context, problem)
                : [];
    }
}

/// <summary>What the input policy refused in this request, for the answer to a page's address (<see cref="RefusedQueryFilter"/>).</summary>
public static class RefusedInput
{
    private static readonly object Key = new();

    public static void Record(HttpContext context, string message)
    {
        if (context.Items[Key] is not List<string> messages)
        {
            context.Items[Key] = messages = [];
        }

        messages.Add(message);
    }

    public static IReadOnlyList<string> Of(HttpContext context) => context.Items[Key] as List<string> ?? [];
}
