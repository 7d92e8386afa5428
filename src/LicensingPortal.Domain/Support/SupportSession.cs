using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Domain.Support;

/// <summary>
/// R26: a provider support engineer's audited view of a partner's or a customer's portal ("view as"): with a reason, for
/// at most an hour, read-only unless the company's administrator consents to writes, for a time of their choosing, and
/// revocably. It ends when its time is up or when someone ends it; nothing brings it back.
/// </summary>
public sealed class SupportSession : IVersioned
{
    public const int MaxMinutes = 60;
    public const int ReasonMaxLength = 500;

    /// <summary>What a write in a session without the company's consent is told.</summary>
    public const string ReadOnlyMessage = "This is a read-only support session: changes need the consent of the company's administrator.";

    public const string EndedMessage = "This support session has ended.";

    private SupportSession()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The real user: the provider's support engineer or administrator.</summary>
    public Guid SupportUserId { get; private set; }

    public string SupportUserName { get; private set; } = string.Empty;

    public Guid ProviderId { get; private set; }

    /// <summary>The company viewed: a partner's id, or (R25) a customer's id.</summary>
    public Guid CompanyId { get; private set; }

    /// <summary>Msp or Reseller for a partner; <see cref="CompanyType.Customer"/> for a customer.</summary>
    public CompanyType CompanyType { get; private set; }

    public string CompanyName { get; private set; } = string.Empty;

    /// <summary>The company the session's audit entries belong to: the partner itself, or the customer's owner.</summary>
    public Guid AuditCompanyId { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>When the engineer asked the company for write access; null until asked.</summary>
    public DateTimeOffset? WriteRequestedAt { get; private set; }

    public Guid? ConsentGivenByUserId { get; private set; }

    public string? ConsentGivenByName { get; private set; }

    public DateTimeOffset? ConsentGivenAt { get; private set; }

    public DateTimeOffset? ConsentExpiresAt { get; private set; }

    public DateTimeOffset? ConsentRevokedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>Starts a session of <paramref name="minutes"/> (1–60) now; the reason is required.</summary>
    public static SupportSession Start(
        Guid supportUserId,
        string supportUserName,
        Guid providerId,
        Guid companyId,
        CompanyType companyType,
        string companyName,
        Guid auditCompanyId,
        string? reason,
        int minutes,
        DateTimeOffset now)
    {
        Guard.Range(minutes, 1, MaxMinutes, "Minutes", "R26");
        if (companyType == CompanyType.Provider)
        {
            throw new DomainRuleViolation("R26", "Support views a partner's or a customer's portal, not a provider's.");
        }

        return new SupportSession
        {
            Id = Ids.New(),
            SupportUserId = supportUserId,
            SupportUserName = supportUserName,
            ProviderId = providerId,
            CompanyId = companyId,
            CompanyType = companyType,
            CompanyName = companyName,
            AuditCompanyId = auditCompanyId,
            Reason = Guard.Text(reason, nameof(Reason), ReasonMaxLength, "R26", multiLine: true),
            StartedAt = now,
            ExpiresAt = now.AddMinutes(minutes),
        };
    }

    public bool IsActive(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;

    /// <summary>Whether the company's administrator has consented to writes, and that consent still stands.</summary>
    public bool AllowsWrites(DateTimeOffset now) =>
        IsActive(now) && ConsentGivenAt is not null && ConsentRevokedAt is null && now < ConsentExpiresAt;

    /// <summary>When the session ended or will end: the earlier of its expiry and its ending.</summary>
    public DateTimeOffset EndsAt => EndedAt is { } ended && ended < ExpiresAt ? ended : ExpiresAt;

    /// <summary>Ends the session now (the engineer's "End", or the company's). Ending an ended session changes nothing.</summary>
    public bool End(DateTimeOffset now)
    {
        if (!IsActive(now))
        {
            return false;
        }

        EndedAt = now;
        return true;
    }

    /// <summary>Records, once, that an expired session ended at its expiry (its "ended" entry in the audit log).</summary>
    public bool CloseExpired(DateTimeOffset now)
    {
        if (EndedAt is not null || now < ExpiresAt)
        {
            return false;
        }

        EndedAt = ExpiresAt;
        return true;
    }

    /// <summary>The engineer asks the company's administrator for write access.</summary>
    public void RequestWriteAccess(DateTimeOffset now)
    {
        EnsureActive(now);
        WriteRequestedAt ??= now;
    }

    /// <summary>The company's administrator consents to writes for <paramref name="minutes"/> (1–60), within the session.</summary>
    public void GrantWriteAccess(Guid byUserId, string byName, int minutes, DateTimeOffset now)
    {
        EnsureActive(now);
        Guard.Range(minutes, 1, MaxMinutes, "Minutes", "R26");
        if (byUserId == SupportUserId)
        {
            throw new DomainRuleViolation("R26", "Consent is given by the company's own administrator.");
        }

        ConsentGivenByUserId = byUserId;
        ConsentGivenByName = byName;
        ConsentGivenAt = now;
        ConsentExpiresAt = now.AddMinutes(minutes);
        ConsentRevokedAt = null;
    }

    /// <summary>The company's administrator takes the consent back; the session stays, read-only.</summary>
    public bool RevokeWriteAccess(DateTimeOffset now)
    {
        if (!AllowsWrites(now))
        {
            return false;
        }

        ConsentRevokedAt = now;
        return true;
    }

    private void EnsureActive(DateTimeOffset now)
    {
        if (!IsActive(now))
        {
            throw new DomainRuleViolation("R26", EndedMessage);
        }
    }
}
