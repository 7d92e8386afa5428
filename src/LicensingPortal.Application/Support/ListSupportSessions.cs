using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Support;

public sealed record SupportSessionRow(
    Guid Id,
    string SupportUserName,
    string Reason,
    DateTimeOffset StartedAt,
    DateTimeOffset EndsAt,
    bool IsActive,
    bool WriteRequested,
    bool WritesAllowed,
    DateTimeOffset? ConsentExpiresAt,
    string? ConsentGivenByName,
    int Version);

/// <param name="Visible">False from inside a support session: the page is the company's own.</param>
public sealed record SupportSessionsPage(IReadOnlyList<SupportSessionRow> Active, IReadOnlyList<SupportSessionRow> Past, bool Visible);

/// <summary>
/// R26: the company's support access page: sessions running now (those asking for write access first), to consent to,
/// revoke or end; and the last 50 that ended.
/// </summary>
public sealed class ListSupportSessions(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const int PastShown = 50;

    public async Task<SupportSessionsPage> HandleAsync(CancellationToken cancellationToken = default)
    {
        if (user.SupportSessionId is not null)
        {
            return new SupportSessionsPage([], [], false);
        }

        var now = clock.GetUtcNow();
        var sessions = await db.SupportSessions.AsNoTracking()
            .Where(s => s.CompanyId == user.CompanyId)
            .OrderByDescending(s => s.StartedAt)
            .Take(PastShown + 20)
            .ToListAsync(cancellationToken);
        var rows = sessions.Select(s => new SupportSessionRow(
            s.Id, s.SupportUserName, s.Reason, s.StartedAt, s.EndsAt, s.IsActive(now), s.WriteRequestedAt is not null, s.AllowsWrites(now),
            s.AllowsWrites(now) ? s.ConsentExpiresAt : null, s.ConsentGivenByName, s.Version)).ToList();
        return new SupportSessionsPage(
            rows.Where(r => r.IsActive).OrderByDescending(r => r.WriteRequested && !r.WritesAllowed).ThenByDescending(r => r.StartedAt).ToList(),
            rows.Where(r => !r.IsActive).Take(PastShown).ToList(),
            true);
    }
}
