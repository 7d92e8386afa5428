using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Support;

/// <summary>R26: the engineer in a session asks the company's administrator for write access (the company's support access page lists it).</summary>
public sealed class RequestSupportWriteAccess(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const string RequestedAction = "SupportWriteAccessRequested";

    public async Task<Result> HandleAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var session = await db.SupportSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.SupportUserId == user.UserId, cancellationToken);
        if (session is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            if (session.WriteRequestedAt is null)
            {
                session.RequestWriteAccess(now);
                db.AuditEntries.Add(SupportAudit.Entry(RequestedAction, session, user.Actor, now));
                await db.SaveChangesAsync(cancellationToken);
            }

            return Result.Ok($"Write access was asked of {session.CompanyName}'s administrators. The session stays read-only until one of them consents.");
        });
    }
}
