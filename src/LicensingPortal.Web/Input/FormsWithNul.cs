using LicensingPortal.Web.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace LicensingPortal.Web.Input;

/// <summary>
/// ASP.NET Core refuses to read a posted form (<c>application/x-www-form-urlencoded</c>) that holds an encoded NUL
/// (<c>%00</c>): the antiforgery check then fails, and the page answered an error page instead of the form. Such a
/// form is read here instead, so the NUL reaches model binding and the input policy refuses it next to its field
/// like any other control character, with the rest of what was typed (R18). A form that cannot be read for another
/// reason (too many fields) is left to fail as before.
/// </summary>
public static class FormsWithNul
{
    public static IApplicationBuilder UseFormsWithNul(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method) && !request.IsApi()
                && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            {
                request.EnableBuffering();
                try
                {
                    await request.ReadFormAsync(context.RequestAborted);
                }
                catch (InvalidDataException)
                {
                    request.Body.Position = 0;
                    using var reader = new StreamReader(request.Body, leaveOpen: true);
                    var body = await reader.ReadToEndAsync(context.RequestAborted);
                    var limits = context.RequestServices.GetRequiredService<IOptions<FormOptions>>().Value;
                    if (body.Contains("%00", StringComparison.Ordinal) && QueryHelpers.ParseQuery(body) is var values && values.Count <= limits.ValueCountLimit)
                    {
                        context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(values)));
                    }
                }
            }

            await next(context);
        });
}
