namespace LicensingPortal.Domain.Common;

internal static class Guard
{
    public static string Text(string? value, string field, int maxLength, string code = "R18")
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainRuleViolation(code, $"{Words(field)} is required.", field);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleViolation(code, $"{Words(field)} must be at most {maxLength} characters.", field);
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength
            ? throw new DomainRuleViolation("R18", $"{Words(field)} must be at most {maxLength} characters.", field)
            : trimmed;
    }

    public static int Range(int value, int min, int max, string field, string code)
    {
        return value < min || value > max
            ? throw new DomainRuleViolation(code, $"{Words(field)} must be between {min:N0} and {max:N0}.", field)
            : value;
    }

    private static string Words(string pascal)
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
