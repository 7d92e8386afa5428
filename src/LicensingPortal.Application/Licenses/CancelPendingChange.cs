using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;

namespace LicensingPortal.Application.Licenses;

/// <summary>R7: cancels the pending change of a license before it is due.</summary>
public sealed class CancelPendingChange(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid customerId, Guid licenseId, CancellationToken cancellationToken = default)
    {
        var license = await db.VisibleLicenses(user).LicenseForChangeAsync(customerId, licenseId, cancellationToken);
        if (license is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            var due = license.PendingChange?.ApplyOn;
            db.LicenseTransactions.Add(license.CancelPendingChange(user.Actor, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The change scheduled for {due:yyyy-MM-dd} was canceled.");
        });
    }
}
