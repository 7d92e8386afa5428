using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Partners;

/// <summary>Licenses tab › License pool refill (R12).</summary>
public sealed class SetLicensePoolRefill(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, bool enabled, int version, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(partner, version);
            var before = partner.LicensePoolRefill;
            partner.SetLicensePoolRefill(enabled);
            db.AuditEntries.Add(AuditEntry.Record(
                "LicensePoolRefillChanged", nameof(Company), partner.Id.ToString(), partner.Id, user.Actor, clock.GetUtcNow(), OnOff(before), OnOff(enabled)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"License pool refill is {OnOff(enabled)} for {partner.Name}.");
        });
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}
