using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Companies;

namespace LicensingPortal.Application.Partners;

/// <summary>Management Licenses tab (R13, MSP only): Remote Manager for the partner's data center.</summary>
public sealed class EnableRemoteManager(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, int version, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        return await PartnerLookup.Attempt(async () =>
        {
            db.ExpectVersion(partner, version);
            partner.EnableRemoteManager();
            db.AuditEntries.Add(AuditEntry.Record(
                "RemoteManagerEnabled", nameof(Company), partner.Id.ToString(), partner.Id, user.Actor, clock.GetUtcNow(), "Disabled", $"Enabled for data center {partner.DataCenter}"));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"Remote Manager is enabled for {partner.Name} in data center {partner.DataCenter}.");
        });
    }
}
