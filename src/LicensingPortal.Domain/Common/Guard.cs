namespace LicensingPortal.Domain.Common;

internal static class Guard
{
    /// <summary>Required text, trimmed, at most <paramref name="maxLength"/> characters, without what <see cref="InputPolicy"/> refuses.</summary>
    public static string Text(string? value, string field, int maxLength, string code = "R18", bool multiLine = false)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainRuleViolation(code, $"{Words(field)} is required.", field);
        }

        return Checked(trimmed, field, maxLength, code, multiLine);
    }

    /// <summary>Optional text: empty or white space alone is null; otherwise as <see cref="Text"/>.</summary>
    public static string? OptionalText(string? value, string field, int maxLength, bool multiLine = false)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Checked(trimmed, field, maxLength, "R18", multiLine);
    }

    /// <summary>A date a person entered, within <see cref="InputPolicy.DateWindow"/>; <paramref name="label"/> names it in the message ("The start date").</summary>
    public static DateOnly Date(DateOnly value, string field, string label, string code = "R18") =>
        InputPolicy.DateProblem(value, label) is { } problem ? throw new DomainRuleViolation(code, problem, field) : value;

    private static string Checked(string trimmed, string field, int maxLength, string code, bool multiLine)
    {
        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleViolation(code, $"{Words(field)} must be at most {maxLength} characters.", field);
        }

        return InputPolicy.TextProblem(trimmed, Words(field), multiLine) is { } problem ? throw new DomainRuleViolation("R18", problem, field) : trimmed;
    }

    public static int Range(int value, int min, int max, string field, string code)
    {
        return value < min || value > max
            ? throw new DomainRuleViolation(code, $"{Words(field)} must be between {min:N0} and {max:N0}.", field)
            : value;
    }

    /// <summary>"ContactEmail" → "Contact email": a field's name in a sentence.</summary>
    internal static string Words(string pascal)
    {
        var chars = new List<char>(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                chars.Add(' ');
                chars.Add(char.ToLowerInvariant(pascal[i]));
            }
            else
            {
                chars.Add(pascal[i]);
            }
        }

        return new string(chars.ToArray());
    }
}
