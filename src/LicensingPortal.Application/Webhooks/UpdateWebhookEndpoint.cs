using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Webhooks;

public sealed class UpdateWebhookEndpoint(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IWebhookTargetCheck targets, IValidator<WebhookEndpointInput> validator)
{
    public async Task<Result> HandleAsync(Guid endpointId, WebhookEndpointInput input, CancellationToken cancellationToken = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.CompanyId == user.CompanyId, cancellationToken);
        if (endpoint is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var (url, refusal) = await targets.CheckAsync(input.Url, cancellationToken);
        if (url is null)
        {
            return Result.Invalid(new Dictionary<string, string[]> { [nameof(input.Url)] = [refusal!] });
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(endpoint, input.Version);
            var before = CreateWebhookEndpoint.Describe(endpoint);
            endpoint.Update(url, input.Events, input.Description);
            db.AuditEntries.Add(AuditEntry.Record("WebhookEndpointUpdated", nameof(WebhookEndpoint), endpoint.Id.ToString(), user.CompanyId, user.Actor, clock.GetUtcNow(), before, CreateWebhookEndpoint.Describe(endpoint)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The endpoint {endpoint.Url} is saved.");
        });
    }
}
