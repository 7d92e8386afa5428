using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <summary>
/// R1 for statements: a provider sees the statements it is owed (its partners' and its own for its direct customers);
/// a partner sees its own. The buyer reviews and submits; the provider decides. Someone else's statement is not there (404).
/// </summary>
internal static class StatementLookup
{
    public static IQueryable<Statement> VisibleStatements(this IPortalDbContext db, ICurrentUser user) =>
        user.CompanyType == CompanyType.Provider
            ? db.Statements.Where(s => s.ProviderId == user.CompanyId)
            : db.Statements.Where(s => s.CompanyId == user.CompanyId);

    /// <summary>The statement with its lines, tracked, when the user may see it; null (→ 404) otherwise.</summary>
    public static Task<Statement?> FindStatementAsync(this IPortalDbContext db, ICurrentUser user, Guid statementId, CancellationToken cancellationToken) =>
        db.VisibleStatements(user).Include(s => s.Lines).SingleOrDefaultAsync(s => s.Id == statementId, cancellationToken);

    /// <summary>The partner reviews, adjusts and submits its own statement; its provider only reads it until it is submitted.</summary>
    public static void RequireBuyer(this Statement statement, ICurrentUser user)
    {
        if (statement.CompanyId != user.CompanyId)
        {
            throw new DomainRuleViolation("R24", "The partner reviews, adjusts and submits its own statement; the provider approves or rejects it once submitted.");
        }
    }

    /// <summary>Only the provider the statement is owed to approves, rejects or completes it.</summary>
    public static void RequireSeller(this Statement statement, ICurrentUser user)
    {
        if (statement.ProviderId != user.CompanyId)
        {
            throw new DomainRuleViolation("R24", "Only the provider approves, rejects or completes a statement.");
        }
    }

    public static string Describe(this Statement statement) =>
        $"{statement.Month:MMMM yyyy}: {statement.State}, {Money(statement.Total, statement.CurrencyCode)}";

    public static string Money(decimal amount, string currencyCode) =>
        $"{amount.ToString($"N{Currency.Of(currencyCode).MinorUnits}", System.Globalization.CultureInfo.InvariantCulture)} {currencyCode}";
}
