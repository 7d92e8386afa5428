using LicensingPortal.Application.Common;

namespace LicensingPortal.Application.Account;

/// <summary>What users change on their own account; the name is the audit log's action.</summary>
public enum AccountChange
{
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesRegenerated,

    /// <summary>Through the one-time set-password link of an account created without a password (R15).</summary>
    PasswordSet,
}

/// <summary>Records a change users made to their own account (two-factor sign-in, recovery codes, password) on the audit log.</summary>
public sealed class RecordAccountChange(IPortalDbContext db, TimeProvider clock)
{
    public async Task HandleAsync(AccountHolder holder, AccountChange change, string? requestId, CancellationToken cancellationToken = default)
    {
        db.AuditEntries.Add(holder.Record(change.ToString(), clock.GetUtcNow(), requestId));
        await db.SaveChangesAsync(cancellationToken);
    }
}
