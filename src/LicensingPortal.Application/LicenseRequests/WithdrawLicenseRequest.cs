using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.LicenseRequests;

/// <summary>R25: the customer takes back an open request (to ask for something else: one open request per license). Audited.</summary>
public sealed class WithdrawLicenseRequest(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const string WithdrawnAction = "LicenseRequestWithdrawn";

    public async Task<Result> HandleAsync(Guid requestId, int version, CancellationToken cancellationToken = default)
    {
        var request = user.CompanyType == CompanyType.Customer && user.Can(Permission.RequestLicenseChanges)
            ? await db.VisibleLicenseRequests(user).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            : null;
        if (request is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(request, version);
            var now = clock.GetUtcNow();
            try
            {
                request.Withdraw(user.Actor, now);
            }
            catch (DomainRuleViolation decided) when (decided.Code == "R19")
            {
                return Result.Conflict(decided.Message);
            }

            db.AuditEntries.Add(AuditEntry.Record(
                WithdrawnAction, nameof(LicenseRequest), request.Id.ToString(), request.CompanyId, user.Actor, now, LicenseRequestState.Open.Display(), request.Describe()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok("Request withdrawn.");
        });
    }
}
