using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Webhooks;

/// <summary>A new or rotated secret, with its endpoint: the only time the secret leaves the portal.</summary>
public sealed record WebhookSecret(Guid EndpointId, string Secret);

/// <summary>Registers an endpoint of the user's company; its secret is in the result, once.</summary>
public sealed class CreateWebhookEndpoint(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IWebhookSecrets secrets, IWebhookTargetCheck targets, IValidator<WebhookEndpointInput> validator)
{
    public async Task<Result<WebhookSecret>> HandleAsync(WebhookEndpointInput input, CancellationToken cancellationToken = default)
    {
        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<WebhookSecret>.From(invalid);
        }

        var (url, refusal) = await targets.CheckAsync(input.Url, cancellationToken);
        if (url is null)
        {
            return Result<WebhookSecret>.From(Result.Invalid(new Dictionary<string, string[]> { [nameof(input.Url)] = [refusal!] }));
        }

        var secret = WebhookEndpoint.NewSecret();
        var id = Guid.Empty;
        var result = await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            (await db.Companies.SingleAsync(c => c.Id == user.CompanyId, cancellationToken)).EnsureAllows(PartnerArea.Integrations);
            var endpoint = WebhookEndpoint.Create(user.CompanyId, url, input.Events, input.Description, secrets.Protect(secret), user.Name, now);
            db.WebhookEndpoints.Add(endpoint);
            id = endpoint.Id;
            db.AuditEntries.Add(AuditEntry.Record("WebhookEndpointCreated", nameof(WebhookEndpoint), endpoint.Id.ToString(), user.CompanyId, user.Actor, now, after: Describe(endpoint)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        });
        return result.Succeeded ? Result<WebhookSecret>.Ok(new WebhookSecret(id, secret)) : Result<WebhookSecret>.From(result);
    }

    internal static string Describe(WebhookEndpoint endpoint) =>
        $"{endpoint.Url} ({string.Join(", ", WebhookEventTypes.All.Where(t => endpoint.Events.HasFlag(t)).Select(t => t.Name()))})";
}
