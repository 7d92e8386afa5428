using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;

namespace LicensingPortal.Application.Billing;

/// <summary>Statement › Submit (R24): the partner sends its reviewed month to the provider; audited (the provider is notified from the audit entry).</summary>
public sealed class SubmitStatement(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid statementId, int version, CancellationToken cancellationToken = default)
    {
        var statement = await db.FindStatementAsync(user, statementId, cancellationToken);
        if (statement is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(statement, version);
            statement.RequireBuyer(user);
            var before = statement.State.ToString();
            var now = clock.GetUtcNow();
            statement.Submit(user.Actor, now);
            db.AuditEntries.Add(AuditEntry.Record(
                "StatementSubmitted", nameof(Statement), statement.Id.ToString(), statement.CompanyId, user.Actor, now, before, statement.Describe()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The statement for {statement.Month:MMMM yyyy} is submitted: your provider approves or rejects it.");
        });
    }
}
