using LicensingPortal.Application.Common;

namespace LicensingPortal.Application.Account;

/// <summary>The step of a sign-in that was tried.</summary>
public enum SignInStep
{
    Password,
    TwoFactorCode,
    RecoveryCode,

    /// <summary>R26: back from the company's own identity provider.</summary>
    SingleSignOn,
}

/// <summary>How the step went, as ASP.NET Core Identity answered it.</summary>
/// <param name="Reason">R26: why single sign-on was refused, kept on the audit entry (a password sign-in never says).</param>
public sealed record SignInOutcome(bool Succeeded, bool RequiresTwoFactor, bool IsLockedOut, string? Reason = null);

/// <summary>
/// Records every sign-in attempt on the audit log, successful or not, under the actions the audit log reads out
/// (<see cref="Domain.Auditing.AuditEntry.DisplayAction"/>): signed in, password accepted and a code asked, locked out, failed.
/// </summary>
public sealed class RecordSignIn(IPortalDbContext db, TimeProvider clock)
{
    public async Task HandleAsync(AccountHolder holder, SignInStep step, SignInOutcome outcome, string? requestId, CancellationToken cancellationToken = default)
    {
        var action = step switch
        {
            SignInStep.Password => outcome.Succeeded ? "SignIn" : outcome.RequiresTwoFactor ? "SignInPasswordAccepted" : outcome.IsLockedOut ? "SignInLockedOut" : "SignInFailed",
            SignInStep.TwoFactorCode => outcome.Succeeded ? "SignIn" : outcome.IsLockedOut ? "SignInLockedOut" : "SignInTwoFactorFailed",
            SignInStep.RecoveryCode => outcome.Succeeded ? "SignInWithRecoveryCode" : "SignInRecoveryCodeFailed",
            SignInStep.SingleSignOn => outcome.Succeeded ? "SignInWithSso" : "SignInSsoFailed",
        };
        db.AuditEntries.Add(holder.Record(action, clock.GetUtcNow(), requestId, outcome.Reason));
        await db.SaveChangesAsync(cancellationToken);
    }
}
