using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Support;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Support;

/// <summary>
/// R26: what a request in a support session acts as: the company viewed (a partner, or a customer with its owner),
/// until when, and whether the company's administrator consented to writes.
/// </summary>
public sealed record SupportView(
    Guid SessionId,
    Guid CompanyId,
    CompanyType CompanyType,
    string CompanyName,
    Guid? OwnerCompanyId,
    DateTimeOffset ExpiresAt,
    bool WritesAllowed,
    bool WriteRequested,
    DateTimeOffset? ConsentExpiresAt);

/// <summary>
/// R26: the running session of the real user (by its id), or null once it ended or expired (the
/// request then runs as the user themself). A session seen expired for the first time is closed and audited.
/// </summary>
public sealed class FindSupportView(IPortalDbContext db, TimeProvider clock)
{
    public const string ExpiredAction = "SupportSessionExpired";

    public async Task<SupportView?> HandleAsync(Guid sessionId, Guid realUserId, string realUserName, CancellationToken cancellationToken = default)
    {
        var session = await db.SupportSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.SupportUserId == realUserId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (!session.IsActive(now))
        {
            if (session.CloseExpired(now))
            {
                db.AuditEntries.Add(SupportAudit.Entry(ExpiredAction, session, new Actor(realUserId, realUserName), session.ExpiresAt, "Active", "Expired"));
                await UseCase.RunAsync(async () =>
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return Result.Ok();
                });
            }

            return null;
        }

        return new SupportView(
            session.Id, session.CompanyId, session.CompanyType, session.CompanyName,
            session.CompanyType == CompanyType.Customer ? session.AuditCompanyId : null,
            session.ExpiresAt, session.AllowsWrites(now), session.WriteRequestedAt is not null, session.AllowsWrites(now) ? session.ConsentExpiresAt : null);
    }
}

/// <summary>R26: each page an engineer views in a support session, in the company's audit log (acting as it).</summary>
public sealed class RecordSupportPageView(IPortalDbContext db, TimeProvider clock)
{
    public const string ViewedAction = "SupportPageViewed";

    public async Task HandleAsync(SupportView view, Actor actor, string path, CancellationToken cancellationToken = default)
    {
        var auditCompanyId = view.OwnerCompanyId ?? view.CompanyId;
        var page = path.Length > 2000 ? path[..2000] : path;
        db.AuditEntries.Add(AuditEntry.Record(
            ViewedAction, nameof(SupportSession), view.SessionId.ToString(), auditCompanyId, actor, clock.GetUtcNow(), after: page, actingAsCompanyId: view.CompanyId));
        await db.SaveChangesAsync(cancellationToken);
    }
}
