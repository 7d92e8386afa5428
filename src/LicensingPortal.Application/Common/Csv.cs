using System.Text;

namespace LicensingPortal.Application.Common;

/// <summary>
/// CSV written and read by the portal: every export, the bulk change file and the usage upload. Every cell of text that someone typed (names,
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

    /// <summary>
    /// Reads an uploaded file (RFC 4180): fields separated by commas, quoted fields may hold commas, quotes ("") and line
    /// breaks. Each record comes with the line it starts on, as a spreadsheet numbers it (the header is line 1).
    /// </summary>
    public static IEnumerable<(int Line, List<string> Fields)> Records(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var recordLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                yield return (recordLine, fields);
                fields = [];
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields);
        }
    }
}
