using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Auditing;

/// <summary>
/// A change to something other than a customer license (partner status, pools, plans, accounts,
/// sign-ins): who, company, when (UTC), what, before → after. Append-only.
/// </summary>
public sealed class AuditEntry : IAppendOnlyRecord
{
    private AuditEntry()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The company the entry belongs to (the partner whose status changed, ...).</summary>
    public Guid? CompanyId { get; private set; }

    public Guid? ActorUserId { get; private set; }

    public string ActorName { get; private set; } = string.Empty;

    public string Action { get; private set; } = string.Empty;

    public string EntityType { get; private set; } = string.Empty;

    public string? EntityId { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }

    public string? RequestId { get; private set; }

    public static AuditEntry Record(
        string action,
        string entityType,
        string? entityId,
        Guid? companyId,
        Actor actor,
        DateTimeOffset at,
        string? before = null,
        string? after = null,
        string? requestId = null) =>
        new()
        {
            Id = Ids.New(),
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            CompanyId = companyId,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            At = at,
            Before = before,
            After = after,
            RequestId = requestId,
        };
}
