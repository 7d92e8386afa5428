using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Partners;

/// <summary>Management Licenses tab (R13, MSP only): Remote Manager for the partner's data center, turned on or off.</summary>
public sealed class SetRemoteManager(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, int version, bool enable, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(partner, version);
            if (enable)
            {
                partner.EnableRemoteManager();
            }
            else
            {
                partner.DisableRemoteManager();
            }

            var state = $"Enabled for data center {partner.DataCenter}";
            db.AuditEntries.Add(AuditEntry.Record(
                enable ? "RemoteManagerEnabled" : "RemoteManagerDisabled", nameof(Company), partner.Id.ToString(), partner.Id, user.Actor, clock.GetUtcNow(),
                enable ? "Disabled" : state, enable ? state : "Disabled"));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(enable
                ? $"Remote Manager is enabled for {partner.Name} in data center {partner.DataCenter}."
                : $"Remote Manager is disabled for {partner.Name}: it no longer reaches the console. Its customers' licenses are unchanged.");
        });
    }
}
