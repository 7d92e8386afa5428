using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Partners;

public enum PartnerStatusChange
{
    Suspend,
    Reactivate,
}

/// <summary>Profile tab › Suspend / Reactivate (R11), recorded with who, when and before → after.</summary>
public sealed class ChangePartnerStatus(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, PartnerStatusChange change, int version, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(partner, version);
            var now = clock.GetUtcNow();
            var before = partner.Status;
            switch (change)
            {
                case PartnerStatusChange.Suspend:
                    partner.Suspend(now);
                    break;
                case PartnerStatusChange.Reactivate:
                    partner.Reactivate(now);
                    break;
            }

            db.AuditEntries.Add(AuditEntry.Record(
                change == PartnerStatusChange.Suspend ? "PartnerSuspended" : "PartnerReactivated",
                nameof(Company), partner.Id.ToString(), partner.Id, user.Actor, now, before.Display(), partner.Status.Display()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(change == PartnerStatusChange.Suspend
                ? $"{partner.Name} is suspended: only its profile can be changed until it is reactivated."
                : $"{partner.Name} is active again.");
        });
    }
}
