using System.Data.Common;
using System.Text.RegularExpressions;
using LicensingPortal.Application.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Support;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LicensingPortal.Infrastructure.Persistence;

/// <summary>
/// R26, at the database's door: in a read-only support session no command writes anything but the session's own record
/// (audit entries, the session, Data Protection keys). <see cref="AuditOriginInterceptor"/> refuses a save's tracked
/// changes; this catches the writes that do not go through a save (ExecuteUpdate, ExecuteDelete, raw SQL). An INSERT,
/// UPDATE, DELETE or MERGE whose target is not one of those tables is refused before it reaches the database.
/// </summary>
public sealed partial class ReadOnlySupportCommandInterceptor(IAuditOrigin origin) : DbCommandInterceptor
{
    private static readonly HashSet<string> SessionTables = new(StringComparer.OrdinalIgnoreCase) { "AuditEntries", "SupportSessions", "DataProtectionKeys" };

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>Whether <paramref name="sql"/> writes to a table other than a support session's own record.</summary>
    public static bool WritesOutsideSession(string sql) =>
        WriteTarget().Matches(sql).Any(m => !SessionTables.Contains(m.Groups["table"].Value));

    private void Check(DbCommand command)
    {
        if (origin.Current.WritesRefused && WritesOutsideSession(command.CommandText))
        {
            throw new DomainRuleViolation("R26", SupportSession.ReadOnlyMessage);
        }
    }

    // The statement's target, quoted as any of the three providers quote it, after an optional schema: for SQL Server's
    // "UPDATE [n] ... FROM [Table] AS [n]" the target is the alias, which is not a session table either.
    [GeneratedRegex(@"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|DELETE|MERGE\s+INTO|MERGE)\s+(?:[""\[`]?\w+[""\]`]?\.)?[""\[`]?(?<table>\w+)[""\]`]?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WriteTarget();
}
