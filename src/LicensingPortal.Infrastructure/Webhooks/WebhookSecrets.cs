using LicensingPortal.Application.Webhooks;
using Microsoft.AspNetCore.DataProtection;

namespace LicensingPortal.Infrastructure.Webhooks;

/// <summary>ADR 0011: secrets are encrypted with Data Protection, whose keys live in the database and are shared by every node.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider) : IWebhookSecrets
{
    private readonly IDataProtector _protector = provider.CreateProtector("LicensingPortal.Webhooks.EndpointSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
