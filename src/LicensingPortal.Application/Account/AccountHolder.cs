using LicensingPortal.Domain.Auditing;

namespace LicensingPortal.Application.Account;

/// <summary>
/// Whose account an event is about: the account, when one was found, or only the email typed (a failed sign-in
/// records it, and never says whether such an account exists).
/// </summary>
public sealed record AccountHolder(Guid? UserId, Guid? CompanyId, string Name)
{
    internal AuditEntry Record(string action, DateTimeOffset at, string? requestId, string? detail = null) =>
        AuditEntry.Record(action, "Account", UserId?.ToString(), CompanyId, new Actor(UserId, Name), at, after: detail, requestId: requestId);
}
