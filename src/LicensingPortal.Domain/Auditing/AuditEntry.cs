using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Auditing;

/// <summary>
/// A change to something other than a customer license (partner status, pools, plans, accounts,
/// sign-ins): who, company, when (UTC), what, before → after. Append-only.
/// </summary>
public sealed class AuditEntry : IAppendOnlyRecord
{
    private AuditEntry()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The company the entry belongs to (the partner whose status changed, ...).</summary>
    public Guid? CompanyId { get; private set; }

    public Guid? ActorUserId { get; private set; }

    public string ActorName { get; private set; } = string.Empty;

    public string Action { get; private set; } = string.Empty;

    public string EntityType { get; private set; } = string.Empty;

    public string? EntityId { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }

    public string? RequestId { get; private set; }

    /// <summary>R26: the client's address as the app saw it (after a trusted proxy's X-Forwarded-For); null on entries older than R26 and on jobs'.</summary>
    public string? ClientIp { get; private set; }

    /// <summary>R26: web, api, sso, support or system (<see cref="AuditChannel"/>); null on entries recorded before R26.</summary>
    public string? Channel { get; private set; }

    /// <summary>R26: the company a provider support engineer was acting as (a support session); null otherwise.</summary>
    public Guid? ActingAsCompanyId { get; private set; }

    /// <summary>
    /// An action as people read it on the audit log: "PartnerSuspended" → "Partner suspended", "ApiKeyCreated" →
    /// "API key created". The stored action stays the code programs (notifications, webhooks) match on.
    /// </summary>
    public static string DisplayAction(string action) => action switch
    {
        "SignIn" => "Signed in",
        "SignInPasswordAccepted" => "Password accepted, two-factor code asked",
        "SignInTwoFactorFailed" => "Sign-in failed: wrong two-factor code",
        "SignInWithRecoveryCode" => "Signed in with a recovery code",
        "SignInRecoveryCodeFailed" => "Sign-in failed: wrong recovery code",
        "SignInLockedOut" => "Sign-in refused: account locked",
        "SignInFailed" => "Sign-in failed",
        "SignInWithSso" => "Signed in with single sign-on",
        "SignInSsoFailed" => "Sign-in failed: single sign-on refused",
        "SingleSignOnRegistered" => "Single sign-on registered",
        "SingleSignOnChanged" => "Single sign-on changed",
        "SignInPolicyCreated" => "Sign-in policy created",
        "SignInPolicyChanged" => "Sign-in policy changed",
        "SupportPageViewed" => "Support session: page viewed",
        _ => Words(action),
    };

    /// <summary>"ServicePlan" → "Service plan".</summary>
    public static string DisplayEntityType(string entityType) => Words(entityType);

    /// <summary>What someone typing a readable name ("partner suspended") means in stored actions ("PartnerSuspended").</summary>
    public static string ActionSearchKey(string text) =>
        string.Concat(text.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));

    private static string Words(string pascal)
    {
        var words = new System.Text.StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                words.Append(' ');
            }

            words.Append(i == 0 ? pascal[i] : char.ToLowerInvariant(pascal[i]));
        }

        return words.ToString().Replace("Api key", "API key", StringComparison.Ordinal).Replace("two factor", "two-factor", StringComparison.Ordinal)
            .Replace("Two factor", "Two-factor", StringComparison.Ordinal).Replace("by user", "by a user", StringComparison.Ordinal);
    }

    /// <summary>
    /// R26: where the entry came from, stamped once, centrally, as the entry is saved (the use cases do not pass it). An
    /// entry that already has a channel keeps it.
    /// </summary>
    public void StampOrigin(string channel, string? clientIp, Guid? actingAsCompanyId)
    {
        if (Channel is not null)
        {
            return;
        }

        Channel = channel;
        ClientIp = clientIp is { Length: > AuditChannel.ClientIpMaxLength } ? clientIp[..AuditChannel.ClientIpMaxLength] : clientIp;
        ActingAsCompanyId ??= actingAsCompanyId;
    }

    public static AuditEntry Record(
        string action,
        string entityType,
        string? entityId,
        Guid? companyId,
        Actor actor,
        DateTimeOffset at,
        string? before = null,
        string? after = null,
        string? requestId = null,
        Guid? actingAsCompanyId = null) =>
        new()
        {
            Id = Ids.New(),
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            CompanyId = companyId,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            At = at,
            Before = before,
            After = after,
            RequestId = requestId,
            ActingAsCompanyId = actingAsCompanyId,
        };
}
