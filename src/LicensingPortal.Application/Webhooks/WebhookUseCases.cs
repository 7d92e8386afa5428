using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Companies;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Webhooks;

public sealed record WebhookEndpointRow(
    Guid Id, string Url, string? Description, WebhookEvents Events, bool Enabled, string? DisabledReason, DateTimeOffset? FailingSince,
    DateTimeOffset CreatedAt, string CreatedBy, int Pending, int Failed);

public sealed record WebhookDeliveryRow(
    Guid Id, WebhookEvents EventType, DateTimeOffset OccurredAt, DateTimeOffset CreatedAt, WebhookDeliveryState State, int Attempts,
    DateTimeOffset? LastAttemptAt, DateTimeOffset DueAt, int? LastStatusCode, string? LastError);

/// <summary>A new or rotated secret, with its endpoint: the only time the secret leaves the portal.</summary>
public sealed record WebhookSecret(Guid EndpointId, string Secret);

public sealed record WebhookDeliveryPage(WebhookEndpointRow Endpoint, IReadOnlyList<WebhookDeliveryRow> Deliveries, int Page, int PageCount, int Total);

/// <summary>The endpoint form: its address, a note, and the events it receives (one checkbox each).</summary>
public sealed class WebhookEndpointInput
{
    public string? Url { get; set; }

    public string? Description { get; set; }

    public bool LicenseChanged { get; set; }

    public bool LicenseExpiring { get; set; }

    public bool LicenseRenewed { get; set; }

    public bool PartnerStatusChanged { get; set; }

    public bool SuiteChangePending { get; set; }

    public int Version { get; set; }

    public WebhookEvents Events =>
        (LicenseChanged ? WebhookEvents.LicenseChanged : 0) | (LicenseExpiring ? WebhookEvents.LicenseExpiring : 0)
        | (LicenseRenewed ? WebhookEvents.LicenseRenewed : 0) | (PartnerStatusChanged ? WebhookEvents.PartnerStatusChanged : 0)
        | (SuiteChangePending ? WebhookEvents.SuiteChangePending : 0);

    public static WebhookEndpointInput From(WebhookEndpointRow row, int version) => new()
    {
        Url = row.Url,
        Description = row.Description,
        LicenseChanged = row.Events.HasFlag(WebhookEvents.LicenseChanged),
        LicenseExpiring = row.Events.HasFlag(WebhookEvents.LicenseExpiring),
        LicenseRenewed = row.Events.HasFlag(WebhookEvents.LicenseRenewed),
        PartnerStatusChanged = row.Events.HasFlag(WebhookEvents.PartnerStatusChanged),
        SuiteChangePending = row.Events.HasFlag(WebhookEvents.SuiteChangePending),
        Version = version,
    };
}

/// <summary>The address itself is checked by <see cref="IWebhookTargetCheck"/> in the use case (it may need DNS).</summary>
public sealed class WebhookEndpointInputValidator : AbstractValidator<WebhookEndpointInput>
{
    public WebhookEndpointInputValidator()
    {
        RuleFor(x => x.Url).NotEmpty().WithMessage("Enter the URL of your endpoint, e.g. https://hooks.example.com/licensing.");
        RuleFor(x => x.Description).MaximumLength(WebhookEndpoint.DescriptionMaxLength)
            .WithMessage($"The description is at most {WebhookEndpoint.DescriptionMaxLength} characters.");
        RuleFor(x => x.Events).NotEqual(WebhookEvents.None).WithName(nameof(WebhookEndpointInput.LicenseChanged))
            .OverridePropertyName(nameof(WebhookEndpointInput.LicenseChanged)).WithMessage("Choose at least one event.");
    }
}

/// <summary>The company's endpoints (R1: only its own), oldest first, with how many deliveries wait or failed.</summary>
public sealed class ListWebhookEndpoints(IPortalDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<WebhookEndpointRow>> HandleAsync(CancellationToken cancellationToken = default) =>
        (await Rows(db, db.WebhookEndpoints.Where(e => e.CompanyId == user.CompanyId)).ToListAsync(cancellationToken))
        .OrderBy(e => e.CreatedAt).ToList();

    internal static IQueryable<WebhookEndpointRow> Rows(IPortalDbContext db, IQueryable<WebhookEndpoint> endpoints) =>
        endpoints.AsNoTracking().Select(e => new WebhookEndpointRow(
            e.Id, e.Url, e.Description, e.Events, e.Enabled, e.DisabledReason, e.FailingSince, e.CreatedAt, e.CreatedBy,
            db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && (d.State == WebhookDeliveryState.Pending || d.State == WebhookDeliveryState.Sending)),
            db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.State == WebhookDeliveryState.Failed)));
}

public sealed class GetWebhookEndpoint(IPortalDbContext db, ICurrentUser user)
{
    public async Task<(WebhookEndpointRow Row, int Version)?> HandleAsync(Guid endpointId, CancellationToken cancellationToken = default)
    {
        var row = await ListWebhookEndpoints.Rows(db, db.WebhookEndpoints.Where(e => e.Id == endpointId && e.CompanyId == user.CompanyId)).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var version = await db.WebhookEndpoints.Where(e => e.Id == endpointId).Select(e => e.Version).SingleAsync(cancellationToken);
        return (row, version);
    }
}

/// <summary>Registers an endpoint of the user's company; its secret is in the result, once.</summary>
public sealed class CreateWebhookEndpoint(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IWebhookSecrets secrets, IWebhookTargetCheck targets)
{
    public async Task<Result<WebhookSecret>> HandleAsync(WebhookEndpointInput input, CancellationToken cancellationToken = default)
    {
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

public sealed class UpdateWebhookEndpoint(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IWebhookTargetCheck targets)
{
    public async Task<Result> HandleAsync(Guid endpointId, WebhookEndpointInput input, CancellationToken cancellationToken = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.CompanyId == user.CompanyId, cancellationToken);
        if (endpoint is null)
        {
            return Result.NotFound();
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

/// <summary>Disable (nothing is sent; waiting deliveries wait) or enable again (they go out on the next run).</summary>
public sealed class SetWebhookEndpointEnabled(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid endpointId, bool enabled, CancellationToken cancellationToken = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.CompanyId == user.CompanyId, cancellationToken);
        if (endpoint is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            if (enabled)
            {
                endpoint.Enable();
            }
            else
            {
                endpoint.Disable(null);
            }

            var action = enabled ? "WebhookEndpointEnabled" : "WebhookEndpointDisabledByUser";
            db.AuditEntries.Add(AuditEntry.Record(action, nameof(WebhookEndpoint), endpoint.Id.ToString(), user.CompanyId, user.Actor, clock.GetUtcNow(), after: endpoint.Url));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(enabled ? $"The endpoint {endpoint.Url} is enabled: waiting deliveries go out on the next run." : $"The endpoint {endpoint.Url} is disabled: nothing is sent to it.");
        });
    }
}

/// <summary>"Send a test event": a <c>ping</c> delivery for the endpoint, sent (signed) by the next run like any other and shown in its log.</summary>
public sealed class SendWebhookPing(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid endpointId, CancellationToken cancellationToken = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.CompanyId == user.CompanyId, cancellationToken);
        if (endpoint is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.WebhookDeliveries.Add(WebhookDelivery.Ping(endpoint, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(endpoint.Enabled
                ? $"A test event for {endpoint.Url} is in the log; it is sent on the next run (within a minute)."
                : $"A test event for {endpoint.Url} is in the log; it waits until the endpoint is enabled.");
        });
    }
}

/// <summary>Deletes an endpoint and its delivery log.</summary>
public sealed class DeleteWebhookEndpoint(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid endpointId, CancellationToken cancellationToken = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.CompanyId == user.CompanyId, cancellationToken);
        if (endpoint is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.WebhookEndpoints.Remove(endpoint);
            db.AuditEntries.Add(AuditEntry.Record("WebhookEndpointDeleted", nameof(WebhookEndpoint), endpoint.Id.ToString(), user.CompanyId, user.Actor, clock.GetUtcNow(), before: CreateWebhookEndpoint.Describe(endpoint)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The endpoint {endpoint.Url} was deleted.");
        });
    }
}

/// <summary>A new secret, shown once; the old one stops signing at once (deliveries are signed when sent).</summary>
public sealed class RotateWebhookSecret(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IWebhookSecrets secrets)
{
    public async Task<Result<string>> HandleAsync(Guid endpointId, CancellationToken cancellationToken = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.CompanyId == user.CompanyId, cancellationToken);
        if (endpoint is null)
        {
            return Result<string>.From(Result.NotFound());
        }

        var secret = WebhookEndpoint.NewSecret();
        var result = await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            endpoint.RotateSecret(secrets.Protect(secret), now);
            db.AuditEntries.Add(AuditEntry.Record("WebhookSecretRotated", nameof(WebhookEndpoint), endpoint.Id.ToString(), user.CompanyId, user.Actor, now, after: endpoint.Url));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        });
        return result.Succeeded ? Result<string>.Ok(secret) : Result<string>.From(result);
    }
}

/// <summary>An endpoint's delivery log, newest first, a page at a time.</summary>
public sealed class ListWebhookDeliveries(IPortalDbContext db, ICurrentUser user)
{
    /// <summary>The default page size (the log shows this many; API callers may ask for up to <see cref="Paging.MaxPageSize"/>).</summary>
    public const int PageSize = 25;

    public async Task<WebhookDeliveryPage?> HandleAsync(Guid endpointId, int page, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        var endpoint = await ListWebhookEndpoints.Rows(db, db.WebhookEndpoints.Where(e => e.Id == endpointId && e.CompanyId == user.CompanyId)).SingleOrDefaultAsync(cancellationToken);
        if (endpoint is null)
        {
            return null;
        }

        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId);
        var total = await deliveries.CountAsync(cancellationToken);
        var size = Paging.Size(pageSize);
        var pageCount = Math.Max(1, (total + size - 1) / size);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await deliveries.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(d => new WebhookDeliveryRow(d.Id, d.EventType, d.OccurredAt, d.CreatedAt, d.State, d.Attempts, d.LastAttemptAt, d.DueAt, d.LastStatusCode, d.LastError))
            .ToListAsync(cancellationToken);
        return new WebhookDeliveryPage(endpoint, rows, page, pageCount, total);
    }
}

/// <summary>"Send again": a failed or delivered delivery goes back to the outbox, due now.</summary>
public sealed class SendWebhookDeliveryAgain(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid endpointId, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId && d.CompanyId == user.CompanyId, cancellationToken);
        if (delivery is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            delivery.SendAgain(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The {delivery.EventType.Name()} delivery will be sent again on the next run.");
        });
    }
}
