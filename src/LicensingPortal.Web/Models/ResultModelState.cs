using LicensingPortal.Application.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LicensingPortal.Web.Models;

public static class ResultModelState
{
    /// <summary>
    /// Copies a refused/invalid/conflict result into ModelState, next to its field (R18). A domain field name
    /// the form names differently is renamed through <paramref name="fieldMap"/>; an unknown one goes to the summary.
    /// </summary>
    public static void CopyTo(this Result result, ModelStateDictionary modelState, IReadOnlyDictionary<string, string>? fieldMap = null, IReadOnlySet<string>? formFields = null)
    {
        foreach (var (field, messages) in result.Errors)
        {
            var key = fieldMap is not null && fieldMap.TryGetValue(field, out var mapped) ? mapped : field;
            if (formFields is not null && !formFields.Contains(key))
            {
                key = string.Empty;
            }

            foreach (var message in messages)
            {
                modelState.AddModelError(key, message); // the sentence; the rule code is for the API and the logs
            }
        }

        if (result.Errors.Count == 0 && result.Message is { } summary)
        {
            modelState.AddModelError(string.Empty, summary);
        }
    }
}
