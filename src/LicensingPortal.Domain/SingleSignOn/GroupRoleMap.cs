using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.SingleSignOn;

/// <summary>
/// R26: which portal role a group of the identity provider's "groups" claim gives, one "group = role" a line. Groups are
/// compared exactly (Entra ID sends object ids, Okta and Keycloak names); the role is the text after the last "=".
/// </summary>
public sealed class GroupRoleMap
{
    private readonly List<(string Group, string Role)> _entries;

    private GroupRoleMap(List<(string Group, string Role)> entries) => _entries = entries;

    public bool IsEmpty => _entries.Count == 0;

    public IReadOnlyList<(string Group, string Role)> Entries => _entries;

    /// <param name="assignableRoles">The roles a mapping may name; null when reading back what was stored.</param>
    public static GroupRoleMap Parse(string? text, IReadOnlyCollection<string>? assignableRoles)
    {
        var entries = new List<(string, string)>();
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines)
        {
            var equals = line.LastIndexOf('=');
            var group = equals > 0 ? line[..equals].Trim() : string.Empty;
            var role = equals > 0 ? line[(equals + 1)..].Trim() : string.Empty;
            if (group.Length == 0 || role.Length == 0)
            {
                throw new DomainRuleViolation("R26", $"\"{line}\" is not a mapping: write one \"group = role\" a line.", "GroupRoles");
            }

            if (group.Length > CompanyIdentityProvider.GroupMaxLength || InputPolicy.TextProblem(group, "A group", false) is not null)
            {
                throw new DomainRuleViolation("R26", $"A group name must be at most {CompanyIdentityProvider.GroupMaxLength} characters of plain text.", "GroupRoles");
            }

            if (assignableRoles is not null && !assignableRoles.Contains(role, StringComparer.Ordinal))
            {
                throw new DomainRuleViolation("R26", $"{role} (for the group {group}) is not a role of this company's accounts.", "GroupRoles");
            }

            entries.Add((group, role));
        }

        return entries.Count > CompanyIdentityProvider.MaxGroupRoles
            ? throw new DomainRuleViolation("R26", $"Enter at most {CompanyIdentityProvider.MaxGroupRoles} group mappings.", "GroupRoles")
            : new GroupRoleMap(entries);
    }

    /// <summary>The roles the given groups map to, each once, in the order of the mappings.</summary>
    public IReadOnlyList<string> RolesFor(IEnumerable<string> groups)
    {
        var member = groups.ToHashSet(StringComparer.Ordinal);
        return [.. _entries.Where(e => member.Contains(e.Group)).Select(e => e.Role).Distinct(StringComparer.Ordinal)];
    }

    public override string ToString() => string.Join("\n", _entries.Select(e => $"{e.Group} = {e.Role}"));
}
