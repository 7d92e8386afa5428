using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

/// <summary>An administrator sends a failed email again: it goes back to the outbox, due now.</summary>
public sealed class RetryEmail(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid emailId, CancellationToken cancellationToken = default)
    {
        var companies = db.VisibleCompanyIds(user);
        var email = await db.OutboxEmails.SingleOrDefaultAsync(e => e.Id == emailId && companies.Contains(e.CompanyId), cancellationToken);
        if (email is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            email.Retry(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The email to {email.To} will be sent again.");
        });
    }
}
