using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: a license's day on which the units reported in use first passed its provisioned units. At most one per
/// license and day (a unique index), however often the product reports that day, so the owning company hears once:
/// the notification and webhook jobs read these rows after their cursors (R20, <c>usage.over_provisioned</c>).
/// Append-only; <see cref="Provisioned"/> and <see cref="Used"/> are the figures of the report that passed.
/// </summary>
public sealed class OverProvisionedDay : IAppendOnlyRecord
{
    private OverProvisionedDay()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>When the report that passed the provisioned units was saved.</summary>
    public DateTimeOffset At { get; private set; }

    public Guid LicenseId { get; private set; }

    /// <summary>The company owning the license's customer: the one notified.</summary>
    public Guid CompanyId { get; private set; }

    public DateOnly Day { get; private set; }

    public int Provisioned { get; private set; }

    public int Used { get; private set; }

    /// <summary>The alert for <paramref name="usage"/>'s day, or null while it is not above <paramref name="provisioned"/>.</summary>
    public static OverProvisionedDay? Of(LicenseUsage usage, int provisioned, Guid companyId, DateTimeOffset now) =>
        usage.IsOverProvisioned(provisioned)
            ? new OverProvisionedDay
            {
                Id = Ids.New(),
                At = now,
                LicenseId = usage.LicenseId,
                CompanyId = companyId,
                Day = usage.Day,
                Provisioned = provisioned,
                Used = usage.Used,
            }
            : null;
}
