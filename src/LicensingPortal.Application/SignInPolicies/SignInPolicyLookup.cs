using System.Collections.Concurrent;
using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SignInPolicies;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SignInPolicies;

/// <summary>
/// R26: the sign-in policy in force for a company's users, the strictest along the chain from its provider down. Every
/// signed-in request asks (two-factor, idle timeout, session lifetime), so answers are kept for <see cref="Lifetime"/>
/// per process: one SQL command per company a minute, not one per page. A policy saved through this process is seen at
/// once (<see cref="Forget"/>), one saved on another server within the minute. One instance per process; the database is
/// the caller's (as <c>BrandLookup</c>).
/// </summary>
public sealed class SignInPolicyLookup(TimeProvider clock, SignInPolicyDefaults defaults)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Beyond this many remembered answers the cache starts again (a bound, not a tuning knob).</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <summary>
    /// The policy in force for the users of <paramref name="companyId"/> (a provider or a partner; a customer's own users
    /// follow their customer's owner's), or null when there is no such company.
    /// </summary>
    public async Task<EffectiveSignInPolicy?> InForceAsync(IPortalDbContext db, Guid companyId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(companyId, out var entry) && now >= entry.ReadAt && now - entry.ReadAt < Lifetime)
        {
            return entry.Policy;
        }

        var chain = await ChainAsync(db, companyId, cancellationToken);
        var policy = chain.Count == 0 ? null : EffectiveSignInPolicy.Along(chain.Select(c => c.Link).ToList(), chain[^1].BreakGlassAdministratorId);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[companyId] = new Entry(policy, now);
        return policy;
    }

    /// <summary>A policy changed: every answer is read again (a parent's change is its children's too).</summary>
    public void Forget() => _entries.Clear();

    /// <summary>
    /// The chain from the provider down to <paramref name="companyId"/>, each company with its own settings: its saved
    /// policy, the provider's default when the provider saved none, nothing stricter for a partner without one. One query.
    /// Until the provider saves a policy, the configuration switch keeps its old meaning: two-factor for the provider's
    /// own administrators, not its partners' (an upgrade sends nobody new to set up two-factor); the timeouts, which were
    /// everyone's, flow down.
    /// </summary>
    internal async Task<IReadOnlyList<ChainLink>> ChainAsync(IPortalDbContext db, Guid companyId, CancellationToken cancellationToken)
    {
        var parent = db.Companies.Where(c => c.Id == companyId).Select(c => c.ProviderId);
        var rows = await (
                from c in db.Companies.AsNoTracking()
                where c.Id == companyId || parent.Contains(c.Id)
                join p in db.SignInPolicies.AsNoTracking() on c.Id equals p.CompanyId into policies
                from p in policies.DefaultIfEmpty()
                select new { c.Id, c.Name, c.Type, Policy = p })
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(r => r.Type == CompanyType.Provider ? 0 : 1)
            .Select(r => new ChainLink(
                new PolicyLink(r.Id, r.Name, r.Policy?.Settings ?? (r.Type != CompanyType.Provider ? SignInSettings.Loosest
                    : r.Id == companyId ? defaults.Provider : defaults.Provider with { TwoFactor = TwoFactorRequirement.Nobody })),
                r.Policy?.BreakGlassAdministratorId,
                r.Policy is not null))
            .ToList();
    }

    internal sealed record ChainLink(PolicyLink Link, Guid? BreakGlassAdministratorId, bool Saved);

    private sealed record Entry(EffectiveSignInPolicy? Policy, DateTimeOffset ReadAt);
}
