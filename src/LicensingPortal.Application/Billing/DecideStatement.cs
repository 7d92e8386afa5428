using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;

namespace LicensingPortal.Application.Billing;

public enum StatementDecision
{
    Approve,
    Reject,

    /// <summary>An approved statement has been invoiced and settled.</summary>
    Complete,
}

/// <summary>Statement › Approve / Reject / Mark completed (R24): the provider's decision, audited (the partner is notified from the audit entry).</summary>
public sealed class DecideStatement(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid statementId, StatementDecision decision, string? reason, int version, CancellationToken cancellationToken = default)
    {
        var statement = await db.FindStatementAsync(user, statementId, cancellationToken);
        if (statement is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(statement, version);
            Apply(statement, decision, reason, user, clock.GetUtcNow(), db);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(decision switch
            {
                StatementDecision.Approve => $"The statement for {statement.Month:MMMM yyyy} is approved: it is frozen, and a later correction goes on a later month.",
                StatementDecision.Reject => $"The statement for {statement.Month:MMMM yyyy} is rejected and back with the partner, with your reason.",
                _ => $"The statement for {statement.Month:MMMM yyyy} is completed.",
            });
        });
    }

    /// <summary>
    /// The reason given with a rejection, from its audit entry's "after" (<c>November 2026: Rejected, 130.50 USD: the reason</c>,
    /// written by <see cref="Apply"/>): what the partner is told, even once the statement has moved on.
    /// </summary>
    public static string RejectionReasonIn(string? auditAfter) =>
        auditAfter?.Split(": ", 3) is [_, _, var reason] ? reason : string.Empty;

    /// <summary>The decision on a loaded statement with its audit entry; throws the domain's refusal. Shared with the bulk decision.</summary>
    internal static void Apply(Statement statement, StatementDecision decision, string? reason, ICurrentUser user, DateTimeOffset now, IPortalDbContext db)
    {
        statement.RequireSeller(user);
        var before = statement.State.ToString();
        switch (decision)
        {
            case StatementDecision.Approve:
                statement.Approve(user.Actor, now);
                break;
            case StatementDecision.Reject:
                statement.Reject(reason, user.Actor, now);
                break;
            case StatementDecision.Complete:
                statement.Complete(user.Actor, now);
                break;
            default:
                throw new Domain.Common.DomainRuleViolation("R18", "Choose approve, reject or complete.", nameof(decision));
        }

        db.AuditEntries.Add(AuditEntry.Record(
            "Statement" + statement.State, nameof(Statement), statement.Id.ToString(), statement.CompanyId, user.Actor, now, before,
            decision == StatementDecision.Reject ? $"{statement.Describe()}: {statement.RejectionReason}" : statement.Describe()));
    }
}
