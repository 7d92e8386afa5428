using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

public sealed class DecideStatementsInput
{
    public const int MaxStatements = 500;

    public List<Guid> StatementIds { get; set; } = [];

    public StatementDecision Decision { get; set; }

    /// <summary>Required to reject: the same reason goes to every partner.</summary>
    public string? Reason { get; set; }
}

public enum StatementDecisionOutcome
{
    /// <summary>Preview: would be decided. Apply: decided.</summary>
    Decided,
    Refused,
}

public sealed record StatementDecisionLine(Guid StatementId, string CompanyName, DateOnly Month, string Before, decimal Total, string CurrencyCode, StatementDecisionOutcome Outcome, string? RuleCode, string? Reason);

public sealed record StatementDecisionReport(bool Applied, StatementDecision Decision, int Decided, int Refused, IReadOnlyList<StatementDecisionLine> Lines);

/// <summary>
/// Billing › Statements › Approve or Reject the selected (R24 with R22's preview): each statement goes through the same
/// decision as its own page (<see cref="DecideStatement.Apply"/>), so a statement in the wrong state is refused with the
/// same sentence. The preview saves nothing; applying saves each statement on its own, so one refusal undoes no other.
/// Statements that are not the provider's are left out, as if they did not exist (R1).
/// </summary>
public sealed class DecideStatements(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public Task<Result<StatementDecisionReport>> PreviewAsync(DecideStatementsInput input, CancellationToken cancellationToken = default) =>
        RunAsync(input, apply: false, cancellationToken);

    public Task<Result<StatementDecisionReport>> ApplyAsync(DecideStatementsInput input, CancellationToken cancellationToken = default) =>
        RunAsync(input, apply: true, cancellationToken);

    private async Task<Result<StatementDecisionReport>> RunAsync(DecideStatementsInput input, bool apply, CancellationToken cancellationToken)
    {
        var ids = input.StatementIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return Invalid(nameof(input.StatementIds), "Choose the statements to decide.");
        }

        if (ids.Count > DecideStatementsInput.MaxStatements)
        {
            return Invalid(nameof(input.StatementIds), $"At most {DecideStatementsInput.MaxStatements} statements at once.");
        }

        if (!Enum.IsDefined(input.Decision))
        {
            return Invalid(nameof(input.Decision), "Choose approve, reject or complete.");
        }

        // Asked once for every statement, rather than refusing each one for the same missing reason.
        if (input.Decision == StatementDecision.Reject && string.IsNullOrWhiteSpace(input.Reason))
        {
            return Invalid(nameof(input.Reason), "Say why the statements are rejected: each partner reads it to correct its statement.");
        }

        var names = await db.Companies.AsNoTracking()
            .Where(c => db.VisibleStatements(user).Any(s => s.CompanyId == c.Id && ids.Contains(s.Id)))
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var lines = new List<StatementDecisionLine>();
        foreach (var id in ids)
        {
            var statement = await db.VisibleStatements(user).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (statement is null)
            {
                continue;
            }

            var before = statement.State.ToString();
            var name = names.GetValueOrDefault(statement.CompanyId, "(unknown)");
            try
            {
                DecideStatement.Apply(statement, input.Decision, input.Reason, user, clock.GetUtcNow(), db);
                if (apply)
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                lines.Add(new StatementDecisionLine(statement.Id, name, statement.Month, before, statement.Total, statement.CurrencyCode, StatementDecisionOutcome.Decided, null, null));
            }
            catch (DomainRuleViolation refusal)
            {
                lines.Add(new StatementDecisionLine(statement.Id, name, statement.Month, before, statement.Total, statement.CurrencyCode, StatementDecisionOutcome.Refused, refusal.Code, refusal.Message));
            }
            catch (DbUpdateConcurrencyException)
            {
                lines.Add(new StatementDecisionLine(statement.Id, name, statement.Month, before, statement.Total, statement.CurrencyCode, StatementDecisionOutcome.Refused, "R19", Result.ConcurrencyMessage));
            }
            finally
            {
                db.DiscardChanges();
            }
        }

        lines = [.. lines.OrderBy(l => l.CompanyName, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.Month)];
        return Result<StatementDecisionReport>.Ok(new StatementDecisionReport(
            apply, input.Decision, lines.Count(l => l.Outcome == StatementDecisionOutcome.Decided), lines.Count(l => l.Outcome == StatementDecisionOutcome.Refused), lines));
    }

    private static Result<StatementDecisionReport> Invalid(string field, string message) =>
        Result<StatementDecisionReport>.From(Result.Invalid(new Dictionary<string, string[]> { [field] = [message] }));
}
