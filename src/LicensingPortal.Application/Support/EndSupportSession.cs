using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Support;

/// <summary>
/// R26: ends a support session now: the engineer's "End" on the banner, or the viewed company's administrator on its
/// support access page. Anyone else's session is not found (R1).
/// </summary>
public sealed class EndSupportSession(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var ownCompany = user.SupportSessionId is null && user.Can(Permission.ConsentToSupportAccess);
        var session = await db.SupportSessions.SingleOrDefaultAsync(
            s => s.Id == sessionId && (s.SupportUserId == user.UserId || (ownCompany && s.CompanyId == user.CompanyId)), cancellationToken);
        if (session is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            if (!session.End(now))
            {
                return Result.Ok("The support session had already ended.");
            }

            var by = session.SupportUserId == user.UserId ? "Ended" : $"Ended by {user.Name}";
            db.AuditEntries.Add(SupportAudit.Entry(StartSupportSession.EndedAction, session, user.Actor, now, "Active", by, actingAs: session.SupportUserId == user.UserId));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The support session of {session.SupportUserName} on {session.CompanyName} ended.");
        });
    }
}
