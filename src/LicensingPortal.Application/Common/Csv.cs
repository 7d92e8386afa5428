namespace LicensingPortal.Application.Common;

/// <summary>CSV written by the portal: every export and the bulk change file.</summary>
public static class Csv
{
    /// <summary>Quotes a CSV field and defuses spreadsheet formulas (=, +, -, @) in text typed by users.</summary>
    public static string Field(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
