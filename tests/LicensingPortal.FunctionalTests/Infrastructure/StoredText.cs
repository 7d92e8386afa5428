using LicensingPortal.Domain.Common;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Infrastructure;

/// <summary>
/// Every text value of every table the model maps, read back as stored: none may hold a control character other
/// than tab and line breaks (which multi-line text keeps), none may be white space alone, and one-line text is
/// stored trimmed (the input policy, ADR 0014). Data protection keys are XML the framework writes, and are left out.
/// </summary>
public static class StoredText
{
    public static async Task<IReadOnlyList<string>> ProblemsAsync(PortalDbContext db)
    {
        var problems = new List<string>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>()
            .Where(t => t != "DataProtectionKeys").Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.IsDBNull(i) || reader.GetValue(i) is not string text)
                    {
                        continue;
                    }

                    var padded = !text.Contains('\n', StringComparison.Ordinal) && text != text.Trim();
                    if (InputPolicy.ForbiddenCharacterAt(text, multiLine: true) >= 0 || (text.Length > 0 && string.IsNullOrWhiteSpace(text)) || padded)
                    {
                        problems.Add($"{table}.{reader.GetName(i)} = \"{Visible(text)}\"");
                    }
                }
            }
        }

        return problems;
    }

    private static string Visible(string text) =>
        string.Concat(text.Take(80).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
