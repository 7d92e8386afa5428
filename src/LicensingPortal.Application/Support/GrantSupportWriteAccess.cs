using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Support;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Support;

/// <summary>
/// R26: the viewed company's administrator consents to writes in a support session, for 1–60 minutes (within the
/// session). Never from inside a support session: consent is the company's own.
/// </summary>
public sealed class GrantSupportWriteAccess(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const string GrantedAction = "SupportWriteAccessGranted";

    public async Task<Result> HandleAsync(Guid sessionId, int minutes, int version, CancellationToken cancellationToken = default)
    {
        if (await CompanySessions.FindAsync(db, user, sessionId, cancellationToken) is not { } session)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(session, version);
            var now = clock.GetUtcNow();
            session.GrantWriteAccess(user.UserId, user.Name, minutes, now);
            db.AuditEntries.Add(SupportAudit.Entry(
                GrantedAction, session, user.Actor, now, "Read-only", $"Writes allowed for {minutes} minutes", actingAs: false));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{session.SupportUserName} may change {session.CompanyName}'s data for {minutes} minutes, or until you revoke it.");
        });
    }
}

/// <summary>R26: the administrator takes the consent back; the session goes on read-only.</summary>
public sealed class RevokeSupportWriteAccess(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const string RevokedAction = "SupportWriteAccessRevoked";

    public async Task<Result> HandleAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        if (await CompanySessions.FindAsync(db, user, sessionId, cancellationToken) is not { } session)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            if (session.RevokeWriteAccess(now))
            {
                db.AuditEntries.Add(SupportAudit.Entry(RevokedAction, session, user.Actor, now, "Writes allowed", "Read-only", actingAs: false));
                await db.SaveChangesAsync(cancellationToken);
            }

            return Result.Ok($"Write access revoked: {session.SupportUserName}'s session is read-only again.");
        });
    }
}

/// <summary>
/// R26: a support session of the user's own company, for its administrator. From inside a support session there is none:
/// consent is the company's own, and the engineer acting as the company (even with write access) cannot give it to themself.
/// </summary>
internal static class CompanySessions
{
    public static Task<SupportSession?> FindAsync(IPortalDbContext db, ICurrentUser user, Guid sessionId, CancellationToken cancellationToken) =>
        user.SupportSessionId is not null
            ? Task.FromResult<SupportSession?>(null)
            : db.SupportSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.CompanyId == user.CompanyId, cancellationToken);
}
