using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Partners;

internal static class AccountRules
{
    /// <summary>R15: an account has one or more of the built-in roles.</summary>
    public static void EnsureValidRoles(IReadOnlyCollection<string> roles)
    {
        if (roles.Count == 0)
        {
            throw new DomainRuleViolation("R15", "Choose at least one role.", "Roles");
        }

        var unknown = roles.FirstOrDefault(r => !Roles.All.Contains(r));
        if (unknown is not null)
        {
            throw new DomainRuleViolation("R15", $"\"{unknown}\" is not one of the built-in roles.", "Roles");
        }
    }

    public static void Audit(IPortalDbContext db, ICurrentUser user, Company partner, string action, Guid userId, string? before, string? after, DateTimeOffset now) =>
        db.AuditEntries.Add(AuditEntry.Record(action, "Account", userId.ToString(), partner.Id, user.Actor, now, before, after));
}
