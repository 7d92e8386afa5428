using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Partners;

/// <summary>
/// R11, R24: a partner's status from <see cref="At"/> on (Suspended, Active again, Canceled). Appended by the
/// <see cref="Company"/> itself whenever its status moves, and so saved in the same unit of work as the move; never
/// changed. A partner with no rows has been Active since it was created. Billing reads a month's statuses from these
/// rows (a suspended partner's days are not charged: docs/billing.md), not from the audit log's text.
/// </summary>
public sealed class CompanyStatusChange
{
    private CompanyStatusChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid CompanyId { get; private set; }

    /// <summary>The status the partner moved to.</summary>
    public PartnerStatus Status { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The UTC day from which the status counts (R24 charges whole days).</summary>
    public DateOnly Day => DateOnly.FromDateTime(At.UtcDateTime);

    /// <summary>A row as one is written (for tests and data that record a history without going through <see cref="Company"/>).</summary>
    public static CompanyStatusChange Of(Guid companyId, PartnerStatus status, DateTimeOffset at) => new()
    {
        Id = Ids.New(),
        CompanyId = companyId,
        Status = status,
        At = at,
    };
}
