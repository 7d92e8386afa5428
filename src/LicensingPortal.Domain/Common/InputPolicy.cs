using System.Globalization;

namespace LicensingPortal.Domain.Common;

/// <summary>
/// What the portal accepts from people and programs (docs/adr/0014-input-policy.md): text holds no control
/// characters (tab and line breaks only where a field has several lines) and no broken surrogate pairs, and a
/// date someone enters lies within a window of sane dates. The web layer applies it to every form, query and
/// API body; the CSV reader to every cell; <see cref="Guard"/> once more where an entity stores the value.
/// </summary>
public static class InputPolicy
{
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>"between 2000-01-01 and 2100-12-31", for messages.</summary>
    public static readonly string DateWindow =
        $"between {EarliestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} and {LatestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static bool IsWithinDateWindow(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>The nearest date within the window: a query's bound that date arithmetic (a day after, two years before) cannot overflow.</summary>
    public static DateOnly ClampToDateWindow(DateOnly date) => date < EarliestDate ? EarliestDate : date > LatestDate ? LatestDate : date;

    /// <summary>Why <paramref name="date"/> is refused, naming <paramref name="field"/> and the window; null when it is accepted.</summary>
    public static string? DateProblem(DateOnly date, string field) =>
        IsWithinDateWindow(date) ? null : $"{field} must be {DateWindow}; {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is outside it.";

    /// <summary>
    /// The index of the first character text may not hold, or -1: a control character (U+0000–U+001F,
    /// U+007F–U+009F; tab, line feed and carriage return are allowed in <paramref name="multiLine"/> text) or half
    /// of a surrogate pair, which no database or file encoding can store.
    /// </summary>
    public static int ForbiddenCharacterAt(string text, bool multiLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || (char.IsControl(c) && !(multiLine && c is '\t' or '\n' or '\r')))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Why <paramref name="text"/> is refused, naming <paramref name="field"/> and the character; null when it is accepted.</summary>
    public static string? TextProblem(string? text, string field, bool multiLine = false)
    {
        var at = text is null ? -1 : ForbiddenCharacterAt(text, multiLine);
        if (at < 0)
        {
            return null;
        }

        var c = text![at];
        var code = $"U+{(int)c:X4}";
        return c switch
        {
            _ when char.IsSurrogate(c) => $"{field} contains a broken character ({code}); type it again.",
            '\n' or '\r' => $"{field} is one line: remove the line break.",
            _ => $"{field} contains a control character ({code}), which is not allowed; remove it.",
        };
    }
}
