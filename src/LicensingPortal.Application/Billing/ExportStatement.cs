using System.Globalization;
using System.Text;
using LicensingPortal.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <summary>The files a statement downloads as (R24): CSV for a program, XLSX for a spreadsheet, PDF to read and file.</summary>
public enum StatementFormat
{
    Csv,
    Xlsx,
    Pdf,
}

/// <summary>
/// A statement as its files carry it: what its page shows (<see cref="StatementView"/>), whom it is owed to, and when
/// the file was made. Every writer reads this and nothing else, so the files say what the page says.
/// </summary>
public sealed record StatementExport(StatementView Statement, string ProviderName, DateTimeOffset CreatedAt)
{
    /// <summary>Every line a file lists: the customers' lines in the page's order, then the corrections carried from approved months.</summary>
    public IEnumerable<StatementLineView> Lines =>
        Statement.Customers.SelectMany(c => c.Lines).Concat(Statement.Adjustments.Where(l => l.Carried));

    /// <summary>"statement-2026-11-contoso-managed-services", "-estimate" for this month so far; without the extension.</summary>
    public string FileName => $"statement-{Statement.Month:yyyy-MM}-{Slug(Statement.CompanyName)}{(Statement.IsEstimate ? "-estimate" : string.Empty)}";

    /// <summary>A name as a file name's part: lower-case ASCII letters and digits, accents dropped, everything else one hyphen.</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "company" : text[..Math.Min(text.Length, 60)].TrimEnd('-');
    }
}

/// <summary>Writes a statement in one format (Infrastructure/Billing: CSV, XLSX with MiniExcel, PDF with PDFsharp).</summary>
public interface IStatementWriter
{
    StatementFormat Format { get; }

    string ContentType { get; }

    string Extension { get; }

    Task WriteAsync(StatementExport export, Stream output, CancellationToken cancellationToken);
}

/// <summary>A statement's file, ready to write to a response: its name, media type, and the writer that fills it.</summary>
public sealed record StatementFile(string FileName, string ContentType, StatementExport Export, IStatementWriter Writer)
{
    public Task WriteAsync(Stream output, CancellationToken cancellationToken) => Writer.WriteAsync(Export, output, cancellationToken);
}

/// <summary>
/// Statement › Export (R24): a stored statement, or this month's estimate for a buyer, as CSV, XLSX or PDF, from the
/// same view as its page (<see cref="GetStatement"/>), so the same tenancy applies: not the user's to see → null (404, R1).
/// </summary>
public sealed class ExportStatement(IPortalDbContext db, GetStatement statements, TimeProvider clock, IEnumerable<IStatementWriter> writers)
{
    public async Task<StatementFile?> HandleAsync(Guid statementId, StatementFormat format, CancellationToken cancellationToken = default) =>
        await statements.HandleAsync(statementId, cancellationToken) is { } view ? await FileAsync(view, format, cancellationToken) : null;

    /// <summary>This month so far for a buyer the user may see (its own, or a provider's partner or direct customers).</summary>
    public async Task<StatementFile?> EstimateAsync(Guid companyId, StatementFormat format, CancellationToken cancellationToken = default) =>
        await statements.EstimateAsync(companyId, cancellationToken) is { } view ? await FileAsync(view, format, cancellationToken) : null;

    private async Task<StatementFile> FileAsync(StatementView view, StatementFormat format, CancellationToken cancellationToken)
    {
        var writer = writers.Single(w => w.Format == format);
        var providerId = await db.Companies.Where(c => c.Id == view.CompanyId).Select(c => c.ProviderId ?? c.Id).SingleAsync(cancellationToken);
        var provider = await db.Companies.Where(c => c.Id == providerId).Select(c => c.Name).SingleAsync(cancellationToken);
        var export = new StatementExport(view, provider, clock.GetUtcNow());
        return new StatementFile($"{export.FileName}.{writer.Extension}", writer.ContentType, export, writer);
    }
}
