using System.Globalization;
using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Licenses;

namespace LicensingPortal.Application.Billing;

/// <summary>
/// R24 by file: a usage upload, one report per row under the header <c>LicenseId,Day,Used</c> (any order; days as
/// 2026-11-30, units as whole numbers). Read with the portal's one CSV reader (<see cref="Csv.Records"/>) and the input
/// policy on every cell (ADR 0014). A cell that cannot be read makes its row an <see cref="UsageRow.Unreadable"/> one
/// with its line and column, refused by <see cref="ReportUsage"/> with the batch's other problems.
/// </summary>
public static class UsageCsv
{
    public static readonly IReadOnlyList<string> Columns = ["LicenseId", "Day", "Used"];

    /// <summary>10,000 rows of a license id, a day and a number, with room to spare.</summary>
    public const int MaxCharacters = 1024 * 1024;

    public static readonly string Header = string.Join(',', Columns);

    public static readonly string TooLarge = $"The file is larger than {MaxCharacters / (1024 * 1024)} MB. Split it: at most {ReportUsageInput.MaxReports:N0} rows at once.";

    /// <summary>Reads the file; the result is either rows (some unreadable) or one error about the whole file.</summary>
    public static (IReadOnlyList<UsageRow> Rows, string? FileError) Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], $"The file is empty. Upload a CSV file with the header {Header} and one row per license and day.");
        }

        if (text.Length > MaxCharacters)
        {
            return ([], TooLarge);
        }

        var records = Csv.Records(text.TrimStart('\uFEFF')).ToList();
        if (records.Count == 0)
        {
            return ([], $"The file has no header. Its first line must be {Header}.");
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        var unknown = header.Where(h => !Columns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            var found = Shorten(string.Join(',', header));
            return ([], $"The first line must be the header {Header}; it is \"{found}\".");
        }

        var data = records.Skip(1).Where(r => r.Fields.Any(f => f.Trim().Length > 0)).ToList();
        if (data.Count == 0)
        {
            return ([], "The file has a header but no reports.");
        }

        if (data.Count > ReportUsageInput.MaxReports)
        {
            return ([], $"The file has {data.Count:N0} rows; at most {ReportUsageInput.MaxReports:N0} at once. Split it.");
        }

        int Index(string column) => header.FindIndex(h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        var columns = Columns.ToDictionary(c => c, Index);
        return (data.Select(r => ReadRow(r.Line, r.Fields, columns)).ToList(), null);
    }

    private static UsageRow ReadRow(int line, List<string> fields, Dictionary<string, int> columns)
    {
        string Cell(string column) => columns[column] < fields.Count ? fields[columns[column]].Trim() : string.Empty;
        UsageRow Unreadable(string column, string message) => new(null, null, null, line, new UsageRowProblem(column, message));

        foreach (var column in Columns)
        {
            if (InputPolicy.TextProblem(Cell(column), column) is { } refused)
            {
                return Unreadable(column, refused);
            }
        }

        Guid? licenseId = null;
        if (Cell("LicenseId") is { Length: > 0 } id)
        {
            if (!Guid.TryParse(id, out var parsed))
            {
                return Unreadable("LicenseId", $"LicenseId \"{Shorten(id)}\" is not a license id.");
            }

            licenseId = parsed;
        }

        DateOnly? day = null;
        if (Cell("Day") is { Length: > 0 } dayText)
        {
            if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Unreadable("Day", $"Day \"{Shorten(dayText)}\" is not a date like 2026-11-30.");
            }

            day = parsed;
        }

        int? used = null;
        if (Cell("Used") is { Length: > 0 } usedText)
        {
            if (!int.TryParse(usedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                // A number too large for any license reads as what it is, not as "not a number".
                return Unreadable("Used", decimal.TryParse(usedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                    ? $"Used must be between 0 and {LicenseSettings.MaxUnits:N0}."
                    : $"Used \"{Shorten(usedText)}\" is not a whole number of units.");
            }

            used = parsed;
        }

        return new UsageRow(licenseId, day, used, line);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
