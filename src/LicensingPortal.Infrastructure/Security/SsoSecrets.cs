using LicensingPortal.Application.SingleSignOn;
using Microsoft.AspNetCore.DataProtection;

namespace LicensingPortal.Infrastructure.Security;

/// <summary>
/// R26 (ADR 0011's way, as for webhook secrets): an identity provider's client secret is encrypted with Data Protection,
/// whose keys live in the database and are shared by every node; the token request needs the secret itself.
/// </summary>
public sealed class SsoSecrets(IDataProtectionProvider provider) : ISsoSecrets
{
    private readonly IDataProtector _protector = provider.CreateProtector("LicensingPortal.SingleSignOn.ClientSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
