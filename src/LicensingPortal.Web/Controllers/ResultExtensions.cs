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
    /// <summary>Copies a refusal or validation result into ModelState, under <paramref name="prefix"/> when the form nests its fields.</summary>
    /// <remarks>A refusal about a field the form does not have (<paramref name="formType"/>) is shown above the form instead.</remarks>
    public static void AddTo(this Result result, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string prefix = "", Type? formType = null)
    {
        foreach (var (field, messages) in result.Errors)
        {
            foreach (var message in messages)
            {
                var onForm = !string.IsNullOrEmpty(field) && (formType is null || formType.GetProperty(field) is not null);
                var key = !onForm ? string.Empty : string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}";
                modelState.AddModelError(key, message);
            }
        }

        if (result.Kind == ResultKind.Conflict)
        {
            modelState.AddModelError(string.Empty, Result.ConcurrencyMessage);
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
