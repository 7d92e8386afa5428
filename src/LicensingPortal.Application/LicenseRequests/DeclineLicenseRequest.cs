using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.LicenseRequests;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.LicenseRequests;

/// <summary>R25: the owner declines a request with a reason the customer reads; nothing changes on the license. Audited.</summary>
public sealed class DeclineLicenseRequest(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const string DeclinedAction = "LicenseRequestDeclined";

    public async Task<Result> HandleAsync(Guid requestId, string? reason, int version, CancellationToken cancellationToken = default)
    {
        var request = await db.QueueOf(user).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
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
                request.Decline(reason, user.Actor, now);
            }
            catch (DomainRuleViolation decided) when (decided.Code == "R19")
            {
                return Result.Conflict(decided.Message);
            }

            db.AuditEntries.Add(AuditEntry.Record(
                DeclinedAction, nameof(LicenseRequest), request.Id.ToString(), request.CompanyId, user.Actor, now, LicenseRequestState.Open.Display(), request.Describe()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok("Request declined. The customer sees your reason.");
        });
    }
}
