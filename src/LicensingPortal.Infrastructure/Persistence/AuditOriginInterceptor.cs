using LicensingPortal.Application.Auditing;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Support;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LicensingPortal.Infrastructure.Persistence;

/// <summary>
/// R26, in one place for every use case: each audit entry being added is stamped with the request's channel, client
/// address and (in a support session) the company acted as; and a read-only support session's save is refused before
/// anything is written, with R26's sentence (a use case turns it into its refusal, like any rule's). What a session may
/// still write is its own record: audit entries and the session itself.
/// </summary>
public sealed class AuditOriginInterceptor(IAuditOrigin origin) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var current = origin.Current;
        if (current.WritesRefused && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is not (AuditEntry or SupportSession or DataProtectionKey)))
        {
            throw new DomainRuleViolation("R26", SupportSession.ReadOnlyMessage);
        }

        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added))
        {
            entry.Entity.StampOrigin(current.Channel, current.ClientIp, current.ActingAsCompanyId);
        }
    }
}
