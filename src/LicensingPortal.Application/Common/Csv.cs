using System.Text;

namespace LicensingPortal.Application.Common;

/// <summary>
/// CSV written by the portal: every export and the bulk change file. Every cell of text that someone typed (names,
/// emails, countries, before/after, notes) goes through <see cref="Field"/>; the numbers, dates and fixed words the
/// portal writes itself (units, "Expired", "Yes (12 months)") are written as they are.
/// </summary>
public static class Csv
{
    /// <summary>
    /// What a spreadsheet reads as the start of a formula (OWASP, CSV injection): = + - @, tab and carriage return,
    /// and the full-width forms of the first four (＝ ＋ － ＠), which some spreadsheets read as the ASCII ones.
    /// </summary>
    private const string FormulaStarts = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    /// <summary>
    /// A text cell, quoted, with its quotes doubled. A cell a spreadsheet would run as a formula is prefixed with a
    /// single quote, so it shows as the text it is; a control character stored before the input policy (ADR 0014) is
    /// written as U+FFFD rather than raw.
    /// </summary>
    public static string Field(string? value)
    {
        var text = new StringBuilder(value?.Length + 3 ?? 2).Append('"');
        if (value is { Length: > 0 } && FormulaStarts.Contains(value[0], StringComparison.Ordinal))
        {
            text.Append('\'');
        }

        foreach (var c in value ?? string.Empty)
        {
            text.Append(c switch
            {
                '"' => "\"\"",
                '\t' or '\r' or '\n' => c.ToString(),
                _ when char.IsControl(c) => "\uFFFD",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
