using LicensingPortal.Domain.Auditing;

namespace LicensingPortal.Application.Auditing;

/// <summary>
/// R26: where the work being saved comes from: the channel (<see cref="AuditChannel"/>), the client's address and, in a
/// support session, the company the real user acts as. Every audit entry is stamped with it as it is saved, and a
/// read-only support session's saves are refused (<see cref="WritesRefused"/>).
/// </summary>
public sealed record AuditOrigin(string Channel, string? ClientIp, Guid? ActingAsCompanyId, bool WritesRefused)
{
    /// <summary>Outside any request: the scheduler's jobs, the command-line verbs, the seeding.</summary>
    public static readonly AuditOrigin System = new(AuditChannel.System, null, null, false);
}

/// <summary>The current <see cref="AuditOrigin"/>: the web app reads it from the request; elsewhere it is <see cref="AuditOrigin.System"/>.</summary>
public interface IAuditOrigin
{
    AuditOrigin Current { get; }
}

/// <summary>No request, no client: what jobs and tests without a request see.</summary>
public sealed class SystemAuditOrigin : IAuditOrigin
{
    public AuditOrigin Current => AuditOrigin.System;
}
