using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.ApiKeys;

public sealed record ApiKeyRow(Guid Id, string Name, string Role, string Prefix, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>API Keys page (R21): the company's keys (a customer's own, R25), newest first, revoked ones included (they stay listed).</summary>
public sealed class ListApiKeys(IPortalDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<ApiKeyRow>> HandleAsync(CancellationToken cancellationToken = default) =>
        (await db.ApiKeysOf(user).AsNoTracking()
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Role, k.Prefix, k.CreatedBy, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(cancellationToken))
        .OrderByDescending(k => k.CreatedAt).ToList();
}
