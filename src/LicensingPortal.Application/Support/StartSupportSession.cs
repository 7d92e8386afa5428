using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Support;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Support;

public sealed class StartSupportSessionInput
{
    /// <summary>Why support looks: shown to the company and kept in its audit log.</summary>
    public string? Reason { get; set; }

    public int Minutes { get; set; } = 30;

    /// <summary>Ask the company's administrator for write access at once.</summary>
    public bool AskForWriteAccess { get; set; }
}

public sealed class StartSupportSessionInputValidator : AbstractValidator<StartSupportSessionInput>
{
    public StartSupportSessionInputValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give the reason for the session: the company sees it.")
            .MaximumLength(SupportSession.ReasonMaxLength).WithMessage($"The reason is at most {SupportSession.ReasonMaxLength} characters.");
        RuleFor(x => x.Minutes).InclusiveBetween(1, SupportSession.MaxMinutes)
            .WithMessage($"A support session lasts from 1 to {SupportSession.MaxMinutes} minutes.");
    }
}

/// <summary>
/// R26: a provider's support engineer or administrator opens a partner's or a customer's portal as that company, read-only,
/// for at most an hour, with a reason. Any other session of the same user ends. Audited (the company sees it in its audit
/// log) and announced to the company's administrators (the notification job reads the entry).
/// </summary>
public sealed class StartSupportSession(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<StartSupportSessionInput> validator)
{
    public const string StartedAction = "SupportSessionStarted";
    public const string EndedAction = "SupportSessionEnded";

    public async Task<Result<Guid>> HandleAsync(Guid companyId, StartSupportSessionInput input, CancellationToken cancellationToken = default)
    {
        if (await SupportTarget.FindAsync(db, user, companyId, cancellationToken) is not { } target)
        {
            return Result<Guid>.From(Result.NotFound());
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<Guid>.From(invalid);
        }

        var id = Guid.Empty;
        var result = await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var open = await db.SupportSessions.Where(s => s.SupportUserId == user.UserId && s.EndedAt == null && s.ExpiresAt > now).ToListAsync(cancellationToken);
            foreach (var previous in open.Where(s => s.End(now)))
            {
                db.AuditEntries.Add(Entry(EndedAction, previous, now, before: "Active", after: "Ended: another session started"));
            }

            var session = SupportSession.Start(
                user.UserId, user.Name, user.CompanyId, target.CompanyId, target.CompanyType, target.Name, target.AuditCompanyId, input.Reason, input.Minutes, now);
            if (input.AskForWriteAccess)
            {
                session.RequestWriteAccess(now);
            }

            db.SupportSessions.Add(session);
            db.AuditEntries.Add(Entry(
                StartedAction, session, now, after: $"{target.Name}, {input.Minutes} minutes{(input.AskForWriteAccess ? ", write access asked" : string.Empty)}: {session.Reason}"));
            await db.SaveChangesAsync(cancellationToken);
            id = session.Id;
            return Result.Ok($"You are viewing {target.Name}'s portal, read-only, until the session ends.");
        });
        return result.Succeeded ? Result<Guid>.Ok(id) : Result<Guid>.From(result);

        AuditEntry Entry(string action, SupportSession session, DateTimeOffset now, string? before = null, string? after = null) =>
            SupportAudit.Entry(action, session, user.Actor, now, before, after);
    }
}

/// <summary>R26: a session's audit entries: in the company's log (the partner, or the customer's owner), acting as the company viewed.</summary>
internal static class SupportAudit
{
    public static AuditEntry Entry(string action, SupportSession session, Actor actor, DateTimeOffset now, string? before = null, string? after = null, bool actingAs = true) =>
        AuditEntry.Record(
            action, nameof(SupportSession), session.Id.ToString(), session.AuditCompanyId, actor, now, before, after,
            actingAsCompanyId: actingAs ? session.CompanyId : null);
}
