using System.Text;
using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Common;

namespace LicensingPortal.Infrastructure.Billing;

/// <summary>
/// A statement as CSV (R24): one row per line (the customers' lines, then corrections carried from approved months),
/// written row by row to the response. Names, plans and comments go through <see cref="Csv.Field"/> (CSV injection);
/// numbers are invariant, dates ISO. No totals row: a program sums the Amount column, a person opens the XLSX.
/// UTF-8 with a byte order mark, so a spreadsheet reads accented names right. An MSP reading its own statement with
/// resale prices gets the page's Resale and Margin columns after Amount (empty where a line has no resale price, and on
/// carried corrections); nobody else does (<see cref="StatementView.Resale"/>).
/// </summary>
public sealed class StatementCsvWriter : IStatementWriter
{
    public const string Header = "Customer,Plan,From,To,Days,Provisioned,Used,Over-provisioned,Chargeable,Unit price,Amount,Comment,Adjustment";

    /// <summary>The header an MSP's statement at its resale prices has: <see cref="Header"/> with Resale and Margin after Amount.</summary>
    public const string ResaleHeader = "Customer,Plan,From,To,Days,Provisioned,Used,Over-provisioned,Chargeable,Unit price,Amount,Resale,Margin,Comment,Adjustment";

    public StatementFormat Format => StatementFormat.Csv;

    public string ContentType => "text/csv";

    public string Extension => "csv";

    public async Task WriteAsync(StatementExport export, Stream output, CancellationToken cancellationToken)
    {
        var minor = StatementText.MinorUnits(export);
        var resale = export.Statement.Resale is not null;
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync((resale ? ResaleHeader : Header) + "\n");
        foreach (var line in export.Lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IEnumerable<string> fields =
            [
                Csv.Field(line.CustomerName),
                Csv.Field(line.PlanName),
                StatementText.Day(line.From),
                StatementText.Day(line.To),
                StatementText.Number(line.Days),
                StatementText.Number(line.Provisioned),
                line.Used is { } used ? StatementText.Number(used) : string.Empty,
                StatementText.Number(line.OverProvisioned),
                StatementText.Number(line.Chargeable),
                StatementText.UnitPrice(line.MonthlyUnitPrice, minor),
                StatementText.Amount(line.Amount, minor),
                .. resale ? [Optional(line.Resale, minor), Optional(line.Margin, minor)] : Array.Empty<string>(),
                Csv.Field(line.Comment),
                Csv.Field(StatementText.Adjustment(line)),
            ];
            await writer.WriteAsync(string.Join(',', fields) + "\n");
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string Optional(decimal? amount, int minorUnits) => amount is { } value ? StatementText.Amount(value, minorUnits) : string.Empty;
}
