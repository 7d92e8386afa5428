using System.Globalization;
using System.Text;
using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Common;

namespace LicensingPortal.Application.Licenses;

/// <summary>One row of a bulk change CSV: the license, what it should become (empty cells keep the license's value), or why the row cannot be read.</summary>
public sealed record BulkCsvRow(int Line, Guid? LicenseId, BulkLicenseChangeInput? Change, string? Error);

/// <summary>
/// R22 by file: the licenses of a plan written as CSV (one row per license, its current settings), edited in a
/// spreadsheet, and read back as one change per row. Only License ID and the setting columns are read; Customer
/// and Plan are there for the reader. An empty cell keeps the license's value. A row that cannot be read is
/// reported with its line number and the column, and nothing of it is applied.
/// </summary>
public static class BulkLicenseCsv
{
    public const int MaxRows = BulkLicenseChangeInput.MaxLicenses;

    public const int MaxCharacters = 512 * 1024;

    public static readonly string TooLarge = $"The file is larger than {MaxCharacters / 1024} KB. Split it: at most {MaxRows} licenses at once.";

    public static readonly IReadOnlyList<string> Columns =
        ["License ID", "Customer", "Plan", "Units", "Auto-renewal", "Renew every (months)", "Expires", "Notify days before", "Apply on"];

    private static readonly string[] Unread = ["Customer", "Plan"];

    public sealed record LicenseRow(Guid LicenseId, string Customer, string Plan, int Units, bool AutoRenew, int? AutoRenewMonths, DateOnly ExpiresOn, int NotifyDaysBefore);

    public static string Write(IEnumerable<LicenseRow> rows)
    {
        var csv = new StringBuilder(string.Join(',', Columns)).Append("\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',',
                r.LicenseId.ToString(),
                Csv.Field(r.Customer),
                Csv.Field(r.Plan),
                r.Units.ToString(CultureInfo.InvariantCulture),
                r.AutoRenew ? "Yes" : "No",
                r.AutoRenewMonths?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                r.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.NotifyDaysBefore.ToString(CultureInfo.InvariantCulture),
                string.Empty).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>Reads the file; the result is either rows (some with errors) or one error about the whole file.</summary>
    public static (IReadOnlyList<BulkCsvRow> Rows, string? FileError) Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], "The file is empty. Download the licenses of a plan as CSV, change the values, and upload it.");
        }

        if (text.Length > MaxCharacters)
        {
            return ([], TooLarge);
        }

        var records = Csv.Records(text.TrimStart('\uFEFF')).ToList();
        if (records.Count == 0 || records[0].Fields.Count == 0)
        {
            return ([], "The file has no header row.");
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        int Index(string column) => header.FindIndex(h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        if (Index("License ID") < 0)
        {
            return ([], $"The header has no \"License ID\" column. Expected: {string.Join(", ", Columns)}.");
        }

        var unknown = header.Where(h => h.Length > 0 && !Columns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            return ([], $"Unknown column \"{unknown[0]}\". Expected: {string.Join(", ", Columns)}.");
        }

        var data = records.Skip(1).Where(r => r.Fields.Any(f => f.Trim().Length > 0)).ToList();
        if (data.Count == 0)
        {
            return ([], "The file has a header but no licenses.");
        }

        if (data.Count > MaxRows)
        {
            return ([], $"The file has {data.Count:N0} licenses; at most {MaxRows} at once. Split it.");
        }

        return (data.Select(r => ReadRow(r.Line, r.Fields, Index)).ToList(), null);
    }

    private static BulkCsvRow ReadRow(int line, List<string> fields, Func<string, int> index)
    {
        string Cell(string column) => index(column) is var i && i >= 0 && i < fields.Count ? fields[i].Trim() : string.Empty;
        BulkCsvRow Error(string message, Guid? id = null) => new(line, id, null, $"Line {line}: {message}");

        // The input policy (ADR 0014) on every cell that is read (Customer and Plan are for the reader only).
        foreach (var column in Columns.Except(Unread))
        {
            if (InputPolicy.TextProblem(Cell(column), column) is { } refused)
            {
                return Error(refused);
            }
        }

        if (!Guid.TryParse(Cell("License ID"), out var id))
        {
            return Error($"\"{Shorten(Cell("License ID"))}\" is not a license ID.");
        }

        var change = new BulkLicenseChangeInput { LicenseIds = [id] };
        string? problem = null;
        change.Units = Number("Units", ref problem);
        change.AutoRenewMonths = Number("Renew every (months)", ref problem);
        change.NotifyDaysBefore = Number("Notify days before", ref problem);
        change.ExpiresOn = Date("Expires", ref problem);
        change.ApplyOn = Date("Apply on", ref problem);
        change.AutoRenew = Cell("Auto-renewal").ToUpperInvariant() switch
        {
            "" => null,
            "YES" or "TRUE" or "ON" => true,
            "NO" or "FALSE" or "OFF" => false,
            _ => Fail<bool>(ref problem, $"Auto-renewal \"{Shorten(Cell("Auto-renewal"))}\" is not Yes or No."),
        };
        return problem is null ? new BulkCsvRow(line, id, change, null) : Error(problem, id);

        int? Number(string column, ref string? error)
        {
            var cell = Cell(column);
            if (cell.Length == 0)
            {
                return null;
            }

            return int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : Fail<int>(ref error, $"{column} \"{Shorten(cell)}\" is not a whole number.");
        }

        DateOnly? Date(string column, ref string? error)
        {
            var cell = Cell(column);
            if (cell.Length == 0)
            {
                return null;
            }

            if (!DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                return Fail<DateOnly>(ref error, $"{column} \"{Shorten(cell)}\" is not a date like 2027-01-31.");
            }

            return InputPolicy.DateProblem(value, column) is { } outside ? Fail<DateOnly>(ref error, outside) : value;
        }
    }

    private static T? Fail<T>(ref string? error, string message)
        where T : struct
    {
        error ??= message;
        return null;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
