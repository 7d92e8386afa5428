using LicensingPortal.Application.Common;
using LicensingPortal.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>
/// What every portal controller does with a use case's result: PRG with a message, field errors, or 404. People read
/// the sentence; the rule code is for the API's problem details, the logs and the tests, so a page carries it only
/// invisibly, as <c>data-rule</c> on the status message.
/// </summary>
public static class ResultExtensions
{
    /// <summary>
    /// The one way a refused, invalid or conflicting result reaches a form (R18): each message next to its field, under
    /// <paramref name="prefix"/> when the form nests its fields. A domain field the form names differently is renamed
    /// through <paramref name="fieldMap"/>; a field the form does not have (not a property of <paramref name="formType"/>,
    /// or not in <paramref name="formFields"/>) is shown above the form, as is a result with no field at all (a conflict).
    /// </summary>
    public static void AddTo(
        this Result result,
        Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState,
        string prefix = "",
        Type? formType = null,
        IReadOnlyDictionary<string, string>? fieldMap = null,
        IReadOnlySet<string>? formFields = null)
    {
        foreach (var (field, messages) in result.Errors)
        {
            var name = fieldMap is not null && fieldMap.TryGetValue(field, out var mapped) ? mapped : field;
            var onForm = !string.IsNullOrEmpty(name)
                && (formFields is null || formFields.Contains(name))
                && (formType is null || formType.GetProperty(name) is not null);
            var key = !onForm ? string.Empty : string.IsNullOrEmpty(prefix) ? name : $"{prefix}.{name}";
            foreach (var message in messages)
            {
                modelState.AddModelError(key, message);
            }
        }

        if (result.Errors.Count == 0 && !result.Succeeded && result.Message is { } summary)
        {
            modelState.AddModelError(string.Empty, summary);
        }
    }

    public static void Flash(this Controller controller, string message, string kind = "success")
    {
        controller.TempData[StatusMessage.Key] = message;
        controller.TempData[StatusMessage.KindKey] = kind;
    }

    /// <summary>The result's sentence after the redirect: success, or danger with <paramref name="refusedPrefix"/> ("Not assigned: ") and its rule as data.</summary>
    public static void Flash(this Controller controller, Result result, string? refusedPrefix = null)
    {
        if (result.Succeeded)
        {
            controller.Flash(result.Message ?? "Saved.");
            return;
        }

        controller.Flash(refusedPrefix + result.Message, "danger");
        controller.TempData[StatusMessage.RuleKey] = result.RuleCode;
    }
}
