using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;

namespace LicensingPortal.Application.Billing;

/// <summary>Statement › a line › Adjust (R24): the partner's own figure with a comment, while the statement is Preparing or Rejected; audited.</summary>
public sealed class AdjustStatementLine(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<AdjustStatementLineInput> validator)
{
    public async Task<Result> HandleAsync(Guid statementId, AdjustStatementLineInput input, CancellationToken cancellationToken = default)
    {
        var statement = await db.FindStatementAsync(user, statementId, cancellationToken);
        if (statement is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(statement, input.Version);
            statement.RequireBuyer(user);
            var line = statement.Lines.SingleOrDefault(l => l.Id == input.LineId);
            var before = line is null ? null : $"{line.Chargeable} chargeable, {StatementLookup.Money(line.Amount, statement.CurrencyCode)}";
            statement.Adjust(input.LineId, input.Chargeable!.Value, input.Comment);
            line = statement.Lines.Single(l => l.Id == input.LineId);
            db.AuditEntries.Add(AuditEntry.Record(
                "StatementLineAdjusted", nameof(Statement), statement.Id.ToString(), statement.CompanyId, user.Actor, clock.GetUtcNow(),
                before, $"{line.CustomerName}, {line.PlanName} {line.From:MM-dd}–{line.To:MM-dd}: {line.Chargeable} chargeable, {StatementLookup.Money(line.Amount, statement.CurrencyCode)} ({line.Comment})"));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{line.CustomerName}'s {line.PlanName} line is now {line.Chargeable} chargeable units; the statement's total is {StatementLookup.Money(statement.Total, statement.CurrencyCode)}.");
        });
    }
}
