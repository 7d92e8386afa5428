using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.SingleSignOn;

/// <summary>What a company's administrator registers (R26); the secret travels beside it, protected by the caller.</summary>
/// <param name="GroupRoles">One mapping a line, "group = role"; empty for none.</param>
public sealed record IdentityProviderSettings(
    string? Issuer,
    string? ClientId,
    string? Domains,
    bool Enabled,
    bool CreateAccounts,
    string? DefaultRole,
    string? GroupRoles);

/// <summary>
/// R26: a company's own OpenID Connect identity provider. Users whose email is in one of its domains are sent there from
/// the sign-in page and signed in by its token, matched to an account of the company; optionally an account is created on
/// their first sign-in with a default role, or the roles its groups claim maps to. The client secret is kept protected
/// (the caller protects it; the domain never sees it in the clear) and is only ever replaced, never shown.
/// </summary>
public sealed class CompanyIdentityProvider : IVersioned
{
    public const int IssuerMaxLength = 500;
    public const int ClientIdMaxLength = 200;
    public const int MaxDomains = 20;
    public const int MaxGroupRoles = 50;
    public const int GroupMaxLength = 200;

    private readonly List<IdentityProviderDomain> _domains = [];

    private CompanyIdentityProvider()
    {
    }

    /// <summary>The company whose provider this is (one per company).</summary>
    public Guid CompanyId { get; private set; }

    /// <summary>The issuer URL as registered: the tokens' "iss" must be exactly this, and its discovery document is read from it.</summary>
    public string Issuer { get; private set; } = string.Empty;

    public string ClientId { get; private set; } = string.Empty;

    /// <summary>The client secret protected with the portal's Data Protection keys.</summary>
    public string ProtectedClientSecret { get; private set; } = string.Empty;

    public bool Enabled { get; private set; }

    /// <summary>Whether an account is created for a user of the domains who signs in for the first time.</summary>
    public bool CreateAccounts { get; private set; }

    /// <summary>The role a created account gets when none of its groups is mapped; required with <see cref="CreateAccounts"/>.</summary>
    public string? DefaultRole { get; private set; }

    /// <summary>"group = role" lines, as normalised by <see cref="GroupRoleMap"/>; null for none.</summary>
    public string? GroupRoles { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>The email domains (lower case) whose users sign in here; each belongs to one company (its own rows are the proof).</summary>
    public IReadOnlyList<IdentityProviderDomain> Domains => _domains;

    /// <summary>The same domains, sorted and space-separated, on the provider's own row: a change of domains alone is a change of the provider (R19).</summary>
    public string DomainList { get; private set; } = string.Empty;

    public IReadOnlyList<string> DomainNames => DomainList.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <param name="assignableRoles">The roles the company's accounts may hold: the default role and the mapped roles are among them.</param>
    public static CompanyIdentityProvider Create(Guid companyId, IdentityProviderSettings settings, string protectedClientSecret, IReadOnlyCollection<string> assignableRoles, DateTimeOffset now)
    {
        var provider = new CompanyIdentityProvider { CompanyId = companyId };
        provider.Update(settings, assignableRoles, now);
        provider.ReplaceSecret(protectedClientSecret, now);
        return provider;
    }

    public void Update(IdentityProviderSettings settings, IReadOnlyCollection<string> assignableRoles, DateTimeOffset now)
    {
        // Every value checked before any is kept: a refused update leaves the provider as it was.
        var issuer = CheckedIssuer(settings.Issuer);
        var clientId = Guard.Text(settings.ClientId, nameof(ClientId), ClientIdMaxLength, "R26");
        var domains = CheckedDomains(settings.Domains);
        var groupRoles = GroupRoleMap.Parse(settings.GroupRoles, assignableRoles);
        var defaultRole = string.IsNullOrWhiteSpace(settings.DefaultRole) ? null : settings.DefaultRole.Trim();
        if (defaultRole is not null && !assignableRoles.Contains(defaultRole, StringComparer.Ordinal))
        {
            throw new DomainRuleViolation("R26", $"{defaultRole} is not a role of this company's accounts.", nameof(DefaultRole));
        }

        if (settings.CreateAccounts && defaultRole is null)
        {
            throw new DomainRuleViolation("R26", "Choose the role of the accounts created on first sign-in.", nameof(DefaultRole));
        }

        (Issuer, ClientId, Enabled, CreateAccounts, DefaultRole, GroupRoles, UpdatedAt) =
            (issuer, clientId, settings.Enabled, settings.CreateAccounts, defaultRole, groupRoles.IsEmpty ? null : groupRoles.ToString(), now);
        _domains.RemoveAll(d => !domains.Contains(d.Domain));
        foreach (var domain in domains.Where(d => _domains.All(existing => existing.Domain != d)))
        {
            _domains.Add(new IdentityProviderDomain(domain, CompanyId));
        }

        DomainList = string.Join(' ', domains.Order(StringComparer.Ordinal));
    }

    public void ReplaceSecret(string protectedClientSecret, DateTimeOffset now)
    {
        ProtectedClientSecret = string.IsNullOrEmpty(protectedClientSecret)
            ? throw new DomainRuleViolation("R26", "Client secret is required.", "ClientSecret")
            : protectedClientSecret;
        UpdatedAt = now;
    }

    /// <summary>
    /// R26: whether a user the provider vouches for may sign in here: its email verified by the provider and in one of the
    /// domains. Null when admitted; otherwise why not, as the sign-in page says it.
    /// </summary>
    public string? Refusal(string? email, bool emailVerified)
    {
        if (!Enabled)
        {
            return "Single sign-on is turned off for this company. Sign in with your password.";
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            return "Your identity provider did not send your email address, so no account could be matched.";
        }

        if (!emailVerified)
        {
            return "Your identity provider has not verified your email address, so no account could be matched.";
        }

        return DomainOf(email) is { } domain && DomainNames.Contains(domain, StringComparer.Ordinal)
            ? null
            : "The email your identity provider sent is not in the domains your company signs in with here.";
    }

    /// <summary>The roles of an account created on first sign-in: those its groups map to, or else the default role.</summary>
    public IReadOnlyList<string> RolesFor(IEnumerable<string> groups)
    {
        var mapped = GroupRoleMap.Parse(GroupRoles, null).RolesFor(groups);
        return mapped.Count > 0 ? mapped : DefaultRole is { } role ? [role] : [];
    }

    /// <summary>The domain part of an email, lower case; null when it has none.</summary>
    public static string? DomainOf(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        return at > 0 && at < email!.Length - 1 ? email[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant() : null;
    }

    /// <summary>What the audit log keeps: everything but the secret.</summary>
    public string Describe() =>
        $"{Issuer}, client {ClientId}, domains {string.Join(" ", DomainNames)}, {(Enabled ? "enabled" : "disabled")}, "
        + $"{(CreateAccounts ? "accounts created on first sign-in as " + DefaultRole : "no accounts created")}, group mappings {(GroupRoles is null ? "none" : GroupRoles.Replace("\n", "; ", StringComparison.Ordinal))}";

    private static string CheckedIssuer(string? value)
    {
        var text = Guard.Text(value, nameof(Issuer), IssuerMaxLength, "R26");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new DomainRuleViolation(
                "R26", "The issuer must be the https:// address your identity provider names as its issuer, without a query (http:// only on this machine's loopback).", nameof(Issuer));
        }

        return text;
    }

    private static HashSet<string> CheckedDomains(string? value)
    {
        var domains = (value ?? string.Empty)
            .Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        if (domains.Count == 0)
        {
            throw new DomainRuleViolation("R26", "Enter at least one email domain, such as example.com.", nameof(Domains));
        }

        if (domains.Count > MaxDomains)
        {
            throw new DomainRuleViolation("R26", $"Enter at most {MaxDomains} email domains.", nameof(Domains));
        }

        return domains.FirstOrDefault(d => !Branding.BrandHostName.IsDnsName(d)) is { } bad
            ? throw new DomainRuleViolation("R26", $"{bad} is not an email domain: enter domains such as example.com, separated by commas or spaces.", nameof(Domains))
            : domains;
    }
}

/// <summary>R26: an email domain and the one company whose identity provider signs its users in.</summary>
public sealed class IdentityProviderDomain(string domain, Guid companyId)
{
    public string Domain { get; private set; } = domain;

    public Guid CompanyId { get; private set; } = companyId;
}
