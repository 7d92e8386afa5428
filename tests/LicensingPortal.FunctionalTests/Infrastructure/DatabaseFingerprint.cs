using System.Security.Cryptography;
using System.Text;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Infrastructure;

/// <summary>
/// A hash of every row of every table the model maps, so a test can say "nothing was saved" without listing
/// what might have been. Audit entries and data protection keys are left out: recording a refused attempt
/// is allowed, changing anything else is not.
/// </summary>
public static class DatabaseFingerprint
{
    private static readonly HashSet<string> Ignored = ["AuditEntries", "DataProtectionKeys"];

    public static async Task<IReadOnlyDictionary<string, string>> OfAsync(PortalDbContext db)
    {
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>()
            .Where(t => !Ignored.Contains(t)).Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var hashes = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            await using var reader = await command.ExecuteReaderAsync();
            var text = new StringBuilder();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                text.Append('\n');
            }

            hashes[table] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }

        return hashes;
    }

    /// <summary>The tables whose content differs between two fingerprints.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        [.. before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))];
}
