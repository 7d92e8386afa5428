namespace LicensingPortal.Application.SingleSignOn;

/// <summary>The Single sign-on page: the company, and its identity provider if it has one (<see cref="Exists"/>); never the secret.</summary>
public sealed record SsoView(
    Guid CompanyId,
    string CompanyName,
    bool Exists,
    bool Editable,
    string? ReadOnlyReason,
    string? Issuer,
    string? ClientId,
    IReadOnlyList<string> Domains,
    bool Enabled,
    bool CreateAccounts,
    string? DefaultRole,
    string? GroupRoles,
    DateTimeOffset? UpdatedAt,
    int Version);

/// <summary>R26: a company that signs its users in through its own provider, as the sign-in page's discovery finds it.</summary>
public sealed record SsoRealm(Guid CompanyId, string CompanyName);

/// <summary>What the OpenID Connect handler needs of a company's provider; the secret in the clear, for the token request only.</summary>
public sealed record SsoConnection(Guid CompanyId, string Issuer, string ClientId, string ClientSecret, int Version);

/// <summary>Protects a provider's client secret for storage (ASP.NET Core Data Protection, keys in the database) and reads it back.</summary>
public interface ISsoSecrets
{
    string Protect(string secret);

    string Unprotect(string protectedSecret);
}
