using System.Text;
using LicensingPortal.Application.Licenses;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace LicensingPortal.Web.Api;

/// <summary>
/// Binds a <c>text/csv</c> request body to a string parameter (the bulk change CSV of R22), reading at most one
/// character past <see cref="BulkLicenseCsv.MaxCharacters"/> so an oversized file is named, not buffered whole.
/// Bound as an argument, the file is part of an idempotent request's fingerprint like any JSON body.
/// </summary>
public sealed class CsvInputFormatter : TextInputFormatter
{
    public CsvInputFormatter()
    {
        SupportedMediaTypes.Add("text/csv");
        SupportedEncodings.Add(Encoding.UTF8);
    }

    protected override bool CanReadType(Type type) => type == typeof(string);

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context, Encoding encoding)
    {
        using var reader = new StreamReader(context.HttpContext.Request.Body, encoding, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[BulkLicenseCsv.MaxCharacters + 1];
        var read = await reader.ReadBlockAsync(buffer, context.HttpContext.RequestAborted);
        return await InputFormatterResult.SuccessAsync(new string(buffer, 0, read));
    }
}
