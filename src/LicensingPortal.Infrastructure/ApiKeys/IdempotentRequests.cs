using LicensingPortal.Application.ApiKeys;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.Infrastructure.ApiKeys;

/// <summary>
/// The <see cref="IdempotentRequest"/> records, each call in a DbContext of its own: never the request's, whose unit of
/// work belongs to the use case. One SQL command per call (reserving: the look-up, then the insert).
/// </summary>
public sealed class IdempotentRequests(IServiceScopeFactory scopes, TimeProvider clock) : IIdempotentRequests
{
    public async Task<IdempotencyReservation> ReserveAsync(Guid apiKeyId, string key, string requestHash, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var earlier = await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, cancellationToken);
        if (earlier is not null)
        {
            return new IdempotencyReservation(false, new IdempotentAnswer(earlier.RequestHash, earlier.StatusCode, earlier.ResponseBody, earlier.Location));
        }

        db.IdempotentRequests.Add(new IdempotentRequest { Id = Guid.CreateVersion7(), ApiKeyId = apiKeyId, Key = key, RequestHash = requestHash, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new IdempotencyReservation(true, null);
        }
        catch (DbUpdateException)
        {
            return new IdempotencyReservation(false, null);
        }
    }

    public async Task CompleteAsync(Guid apiKeyId, string key, int statusCode, string? body, string? location, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().IdempotentRequests
            .Where(r => r.ApiKeyId == apiKeyId && r.Key == key)
            .ExecuteUpdateAsync(
                r => r.SetProperty(x => x.StatusCode, statusCode).SetProperty(x => x.ResponseBody, body).SetProperty(x => x.Location, location),
                cancellationToken);
    }

    public async Task ReleaseAsync(Guid apiKeyId, string key, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().IdempotentRequests
            .Where(r => r.ApiKeyId == apiKeyId && r.Key == key)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
