using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using LicensingPortal.Application.LicenseRequests;
using LicensingPortal.Application.Webhooks;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.Webhooks;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LicensingPortal.Infrastructure.Webhooks;

public sealed record WebhookRun(int Created, int Delivered, int Retrying, int Failed, int EndpointsDisabled, int Purged = 0);

/// <summary>
/// Webhooks (ADR 0011), the background half. Reads the same sources as <see cref="NotificationJob"/> (license
/// notices from dates; license transactions and audit entries after their own cursors), turns each event into
/// one delivery per subscribed endpoint of the company (unique per endpoint and event: once, however many runs
/// or nodes), and sends the due deliveries: claimed through the version column, signed, POSTed without
/// following redirects, retried with backoff. An endpoint that fails every attempt for <see cref="WebhookSettings.DisableAfter"/>
/// is disabled; the audit entry that records it becomes its owner's notification.
/// </summary>
public sealed class WebhookJob(
    IServiceScopeFactory scopes, TimeProvider clock, NotificationSettings notificationSettings, WebhookSettings settings,
    IHttpClientFactory http, IWebhookSecrets secrets, ILogger<WebhookJob> logger)
{
    public const string EndpointDisabledAction = "WebhookEndpointDisabled";

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string LicenseHref(Guid customerId, Guid licenseId) => $"/api/v1/customers/{customerId}/licenses/{licenseId}";

    private sealed record Event(WebhookEvents Type, string Key, Guid CompanyId, DateTimeOffset OccurredAt, object Data);

    public async Task<WebhookRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var created = await CreateLicenseNoticesAsync(cancellationToken)
            + await CreateFromTransactionsAsync(cancellationToken)
            + await CreateFromAuditAsync(cancellationToken)
            + await CreateFromOverProvisionedAsync(cancellationToken);
        var run = await SendDueAsync(created, cancellationToken) with { Purged = await PurgeAsync(cancellationToken) };
        if (run.Created + run.Delivered + run.Retrying + run.Failed + run.Purged > 0)
        {
            logger.LogInformation(
                "Webhooks: {Created} created, {Delivered} delivered, {Retrying} to retry, {Failed} failed, {Disabled} endpoint(s) disabled, {Purged} old deliveries deleted",
                run.Created, run.Delivered, run.Retrying, run.Failed, run.EndpointsDisabled, run.Purged);
        }

        return run;
    }

    /// <summary>
    /// Deletes delivered and failed deliveries whose last attempt is older than <see cref="WebhookDelivery.Retention"/>,
    /// the oldest first, a batch per run (the job runs every minute; a backlog goes in a few runs without one long
    /// statement). The events they carried are behind the job's cursors, so they are not created again.
    /// </summary>
    private async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var before = clock.GetUtcNow() - WebhookDelivery.Retention;
        return await db.WebhookDeliveries
            .Where(d => d.LastAttemptAt < before && (d.State == WebhookDeliveryState.Delivered || d.State == WebhookDeliveryState.Failed))
            .OrderBy(d => d.LastAttemptAt)
            .Take(EventSource.BatchSize)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<int> CreateLicenseNoticesAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var subscribed = await SubscribedCompaniesAsync(db, WebhookEvents.LicenseExpiring, cancellationToken);
        if (subscribed.Count == 0)
        {
            return 0;
        }

        var licenses = await NotificationJob.WithNoticeDue(db.CustomerLicenses.AsNoTracking(), today, notificationSettings.RenewalNoticeDays)
            .Where(l => subscribed.Contains(l.Customer.OwnerId))
            .Select(l => new
            {
                l.Id,
                l.CustomerId,
                CustomerName = l.Customer.Name,
                CompanyId = l.Customer.OwnerId,
                PlanName = l.Plan.Name,
                l.ExpiresOn,
                l.NotifyDaysBefore,
                l.AutoRenew,
                l.AutoRenewMonths,
                l.LicenseType,
            })
            .ToListAsync(cancellationToken);
        var events = new List<Event>();
        var now = clock.GetUtcNow();
        foreach (var l in licenses)
        {
            if (LicenseNoticeRules.Due(today, new LicenseFacts(l.ExpiresOn, l.NotifyDaysBefore, l.AutoRenew, l.AutoRenewMonths, l.LicenseType), notificationSettings.RenewalNoticeDays) is { } due)
            {
                var notice = due.Kind switch
                {
                    NotificationKind.LicenseExpired => "expired",
                    NotificationKind.AutoRenewalComingUp => "renewal_coming_up",
                    _ => "expiring_soon",
                };
                events.Add(new Event(WebhookEvents.LicenseExpiring, "license.expiring:" + due.KeyFor(l.Id), l.CompanyId, now, new
                {
                    notice,
                    licenseId = l.Id,
                    customerId = l.CustomerId,
                    customer = l.CustomerName,
                    plan = l.PlanName,
                    expiresOn = Day(l.ExpiresOn),
                    autoRenew = l.AutoRenew,
                    href = LicenseHref(l.CustomerId, l.Id),
                }));
            }
        }

        return await CreateAsync(events, cancellationToken);
    }

    private async Task<int> CreateFromTransactionsAsync(CancellationToken cancellationToken)
    {
        var created = 0;
        await EventSource.ReadAsync(scopes, clock, "Webhooks.LicenseTransactions", async (db, since, lastAt, lastId) =>
        {
            var page = await db.LicenseTransactions.AsNoTracking()
                .After(since, lastId)
                .Take(EventSource.BatchSize)
                .Select(t => new { t.Id, t.At, t.Type, t.CompanyId, t.CustomerId, t.CustomerName, t.LicenseId, t.PlanName })
                .ToListAsync(cancellationToken);
            var licenseIds = page.Select(t => t.LicenseId).Distinct().ToList();
            var licenses = await db.CustomerLicenses.AsNoTracking().Where(l => licenseIds.Contains(l.Id))
                .Select(l => new { l.Id, l.ExpiresOn, l.Units }).ToDictionaryAsync(l => l.Id, cancellationToken);
            var events = new List<Event>();
            foreach (var t in page)
            {
                var license = licenses.GetValueOrDefault(t.LicenseId);
                var data = new
                {
                    transactionId = t.Id,
                    transactionType = t.Type.ToString(),
                    licenseId = t.LicenseId,
                    customerId = t.CustomerId,
                    customer = t.CustomerName,
                    plan = t.PlanName,
                    units = license?.Units,
                    expiresOn = license is null ? null : Day(license.ExpiresOn),
                    href = LicenseHref(t.CustomerId, t.LicenseId),
                };
                events.Add(new Event(WebhookEvents.LicenseChanged, $"license.changed:{t.Id:N}", t.CompanyId, t.At, data));
                if (t.Type == TransactionType.AutoRenewal)
                {
                    events.Add(new Event(WebhookEvents.LicenseRenewed, $"license.renewed:{t.Id:N}", t.CompanyId, t.At, data));
                }
            }

            created += await CreateAsync(events, cancellationToken);
            return page.Count == 0 ? null : (page[^1].At, page[^1].Id, page.Count);
        }, cancellationToken);
        return created;
    }

    private async Task<int> CreateFromAuditAsync(CancellationToken cancellationToken)
    {
        string[] actions = ["PartnerSuspended", "PartnerReactivated", "PartnerCanceled", "SuiteChangeRecorded", CreateLicenseRequest.CreatedAction, .. StatementEvents.Keys];
        var created = 0;
        await EventSource.ReadAsync(scopes, clock, "Webhooks.AuditEntries", async (db, since, lastAt, lastId) =>
        {
            var page = await db.AuditEntries.AsNoTracking()
                .After(since, lastId)
                .Where(a => actions.Contains(a.Action))
                .Take(EventSource.BatchSize)
                .Select(a => new { a.Id, a.At, a.Action, a.CompanyId, a.EntityId })
                .ToListAsync(cancellationToken);
            var events = new List<Event>();
            foreach (var entry in page)
            {
                if (StatementEvents.TryGetValue(entry.Action, out var statementEvent))
                {
                    if (Guid.TryParse(entry.EntityId, out var statementId) && await StatementEventAsync(db, statementEvent, entry.Id, entry.At, statementId, cancellationToken) is { } e)
                    {
                        events.Add(e);
                    }
                }
                else if (entry.Action == CreateLicenseRequest.CreatedAction)
                {
                    if (Guid.TryParse(entry.EntityId, out var requestId) && await LicenseRequestEventAsync(db, entry.Id, entry.At, requestId, cancellationToken) is { } e)
                    {
                        events.Add(e);
                    }
                }
                else if (entry.Action == "SuiteChangeRecorded" && Guid.TryParse(entry.EntityId, out var changeId))
                {
                    var change = await db.SuiteCompositionChanges.AsNoTracking().Where(c => c.Id == changeId)
                        .Select(c => new { c.EffectiveOn, c.ProductId, Product = c.Product.Name }).SingleOrDefaultAsync(cancellationToken);
                    var owners = await db.ServicePlans.AsNoTracking().Where(p => p.LockedBySuiteChangeId == changeId)
                        .Select(p => p.OwnerId).Distinct().ToListAsync(cancellationToken);
                    events.AddRange(owners.Where(_ => change is not null).Select(owner => new Event(
                        WebhookEvents.SuiteChangePending, $"suite_change.pending:{changeId:N}", owner, entry.At,
                        new { changeId, productId = change!.ProductId, product = change.Product, effectiveOn = Day(change.EffectiveOn), href = "/api/v1/suite-change-approvals" })));
                }
                else if (entry.CompanyId is { } partnerId)
                {
                    var partner = await db.Companies.AsNoTracking().Where(c => c.Id == partnerId)
                        .Select(c => new { c.Name, c.ProviderId, c.Type }).SingleOrDefaultAsync(cancellationToken);
                    if (partner is null)
                    {
                        continue;
                    }

                    var status = entry.Action switch
                    {
                        "PartnerSuspended" => "suspended",
                        "PartnerReactivated" => "active",
                        _ => "canceled",
                    };
                    var data = new { partnerId, name = partner.Name, type = partner.Type.ToString(), status, href = $"/api/v1/partners/{partnerId}" };

                    // The partner hears about itself; the provider that manages it hears too.
                    foreach (var company in new[] { partnerId, partner.ProviderId }.OfType<Guid>().Distinct())
                    {
                        events.Add(new Event(WebhookEvents.PartnerStatusChanged, $"partner.status_changed:{entry.Id:N}", company, entry.At, data));
                    }
                }
            }

            created += await CreateAsync(events, cancellationToken);
            return page.Count == 0 ? null : (page[^1].At, page[^1].Id, page.Count);
        }, cancellationToken);
        return created;
    }

    /// <summary>
    /// R24: <c>usage.over_provisioned</c>, once per license and day whose reported use passed its provisioned units
    /// (<see cref="OverProvisionedDay"/>), to the company owning the license.
    /// </summary>
    private async Task<int> CreateFromOverProvisionedAsync(CancellationToken cancellationToken)
    {
        var created = 0;
        await EventSource.ReadAsync(scopes, clock, "Webhooks.OverProvisionedDays", async (db, since, lastAt, lastId) =>
        {
            var page = await db.OverProvisionedDays.AsNoTracking().After(since, lastId).Take(EventSource.BatchSize).ToListAsync(cancellationToken);
            var licenseIds = page.Select(d => d.LicenseId).Distinct().ToList();
            var licenses = await db.CustomerLicenses.AsNoTracking().Where(l => licenseIds.Contains(l.Id))
                .Select(l => new { l.Id, l.CustomerId, Customer = l.Customer.Name, Plan = l.Plan.Name, l.ServicePlanId })
                .ToDictionaryAsync(l => l.Id, cancellationToken);
            var events = page.Where(d => licenses.ContainsKey(d.LicenseId)).Select(d =>
            {
                var license = licenses[d.LicenseId];
                return new Event(WebhookEvents.UsageOverProvisioned, $"usage.over_provisioned:{d.LicenseId:N}:{Day(d.Day)}", d.CompanyId, d.At, new
                {
                    licenseId = d.LicenseId,
                    customerId = license.CustomerId,
                    customer = license.Customer,
                    servicePlanId = license.ServicePlanId,
                    plan = license.Plan,
                    day = Day(d.Day),
                    provisioned = d.Provisioned,
                    used = d.Used,
                    overProvisioned = d.Used - d.Provisioned,
                    href = $"/api/v1/licenses/{d.LicenseId}/usage?month={d.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture)}",
                });
            }).ToList();
            created += await CreateAsync(events, cancellationToken);
            return page.Count == 0 ? null : (page[^1].At, page[^1].Id, page.Count);
        }, cancellationToken);
        return created;
    }

    /// <summary>R24: the statement's audited state changes that are events, and which.</summary>
    private static readonly Dictionary<string, WebhookEvents> StatementEvents = new(StringComparer.Ordinal)
    {
        ["StatementClosed"] = WebhookEvents.StatementReady,
        ["StatementApproved"] = WebhookEvents.StatementApproved,
    };

    /// <summary>
    /// R24: a statement ready to review or approved, for its buyer (the partner, or the provider for its direct customers):
    /// what it is, its state and total now, where the API reads it (<c>href</c>) and where a person opens it (<c>link</c>).
    /// </summary>
    private async Task<Event?> StatementEventAsync(PortalDbContext db, WebhookEvents type, Guid entryId, DateTimeOffset at, Guid statementId, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().Where(s => s.Id == statementId)
            .Select(s => new { s.CompanyId, s.ProviderId, s.Month, s.State, s.Total, s.CurrencyCode, Lines = s.Lines.Count })
            .SingleOrDefaultAsync(cancellationToken);
        if (statement is null)
        {
            return null;
        }

        var companies = await db.Companies.AsNoTracking().Where(c => c.Id == statement.CompanyId || c.Id == statement.ProviderId)
            .Select(c => new { c.Id, c.Name, c.StatementDeadlineDay })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return new Event(type, $"{type.Name()}:{entryId:N}", statement.CompanyId, at, new
        {
            statementId,
            companyId = statement.CompanyId,
            company = companies[statement.CompanyId].Name,
            month = Day(statement.Month),
            state = statement.State.ToString(),
            total = statement.Total,
            currency = statement.CurrencyCode,
            lines = statement.Lines,
            deadline = type == WebhookEvents.StatementReady ? Day(Statement.DeadlineOf(statement.Month, companies[statement.ProviderId].StatementDeadlineDay)) : null,
            href = $"/api/v1/statements/{statementId}",
            link = $"{notificationSettings.PortalUrl}/billing/statements/{statementId}",
        });
    }

    /// <summary>
    /// R25: <c>license_request.created</c> for the company whose queue the request is in (the customer's owner): what is asked
    /// (kind and the value), the comment, who asked, where the API reads it (<c>href</c>) and where a person decides it (<c>link</c>).
    /// </summary>
    private async Task<Event?> LicenseRequestEventAsync(PortalDbContext db, Guid entryId, DateTimeOffset at, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.LicenseRequests.AsNoTracking().Where(r => r.Id == requestId)
            .Join(db.CustomerLicenses, r => r.LicenseId, l => l.Id, (r, l) => new
            {
                r.CompanyId,
                r.CustomerId,
                r.LicenseId,
                r.Kind,
                r.Units,
                r.AutoRenew,
                r.ServicePlanId,
                r.Summary,
                r.Comment,
                r.RequestedBy,
                r.RequestedAt,
                Customer = l.Customer.Name,
                Plan = l.Plan.Name,
                CurrentPlanId = l.ServicePlanId,
            })
            .SingleOrDefaultAsync(cancellationToken);
        return request is null
            ? null
            : new Event(WebhookEvents.LicenseRequestCreated, $"license_request.created:{entryId:N}", request.CompanyId, at, new
            {
                requestId,
                customerId = request.CustomerId,
                customer = request.Customer,
                licenseId = request.LicenseId,
                servicePlanId = request.CurrentPlanId,
                plan = request.Plan,
                kind = request.Kind.ToString(),
                units = request.Units,
                autoRenew = request.AutoRenew,
                requestedServicePlanId = request.ServicePlanId,
                summary = request.Summary,
                comment = request.Comment,
                requestedBy = request.RequestedBy,
                requestedAt = request.RequestedAt,
                href = $"/api/v1/license-requests/{requestId}",
                link = $"{notificationSettings.PortalUrl}/customers/requests",
            });
    }

    private static async Task<List<Guid>> SubscribedCompaniesAsync(PortalDbContext db, WebhookEvents type, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled && (e.Events & type) == type).Select(e => e.CompanyId).Distinct().ToListAsync(cancellationToken);

    /// <summary>One delivery per event and subscribed, enabled endpoint of its company; one save per event, a duplicate from another node is dropped.</summary>
    private async Task<int> CreateAsync(IReadOnlyList<Event> events, CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var chunk in events.Chunk(EventSource.BatchSize))
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var companyIds = chunk.Select(e => e.CompanyId).Distinct().ToList();
            var endpoints = (await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled && companyIds.Contains(e.CompanyId)).ToListAsync(cancellationToken))
                .ToLookup(e => e.CompanyId);
            if (endpoints.Count == 0)
            {
                continue;
            }

            var keys = chunk.Select(e => e.Key).Distinct().ToList();
            var existing = (await db.WebhookDeliveries.AsNoTracking().Where(d => keys.Contains(d.EventKey)).Select(d => new { d.EndpointId, d.EventKey }).ToListAsync(cancellationToken))
                .Select(d => (d.EndpointId, d.EventKey)).ToHashSet();
            var now = clock.GetUtcNow();
            foreach (var e in chunk)
            {
                var added = 0;
                foreach (var endpoint in endpoints[e.CompanyId].Where(x => x.Receives(e.Type)))
                {
                    if (!existing.Add((endpoint.Id, e.Key)))
                    {
                        continue;
                    }

                    db.WebhookDeliveries.Add(WebhookDelivery.ForEvent(endpoint, e.Type, e.Key, e.OccurredAt, e.Data, now));
                    added++;
                }

                if (added == 0)
                {
                    continue;
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    created += added;
                }
                catch (Exception ex) when (InsertRace.Lost(ex))
                {
                    // Another node created the same delivery at the same moment (unique endpoint + key): its rows stand.
                    logger.LogDebug(ex, "Webhook delivery already created by another run");
                    db.ChangeTracker.Clear();
                }
            }
        }

        return created;
    }

    /// <summary>
    /// The outbox: each due delivery of an enabled endpoint is claimed (Pending → Sending, version checked: one
    /// node wins), sent and marked Delivered or failed (retried with backoff). Once an endpoint failed, its other
    /// deliveries wait until the failed one is due again, instead of each waiting for the timeout.
    /// </summary>
    private async Task<WebhookRun> SendDueAsync(int created, CancellationToken cancellationToken)
    {
        List<Guid> due;
        var now = clock.GetUtcNow();
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => (d.State == WebhookDeliveryState.Pending || d.State == WebhookDeliveryState.Sending) && d.DueAt <= now)
                .Where(d => db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.Enabled))
                .OrderBy(d => d.DueAt).Take(EventSource.BatchSize).Select(d => d.Id)
                .ToListAsync(cancellationToken);
        }

        int delivered = 0, retrying = 0, failed = 0, disabled = 0;
        var failing = new HashSet<Guid>();
        foreach (var id in due)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
            now = clock.GetUtcNow();
            if (delivery is null || !delivery.IsDue(now) || failing.Contains(delivery.EndpointId))
            {
                continue;
            }

            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
            if (endpoint is null || !endpoint.Enabled)
            {
                continue;
            }

            delivery.Claim(now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // another node claimed it first
            }

            var (statusCode, error) = await PostAsync(endpoint, delivery, cancellationToken);
            if (error is null)
            {
                delivery.MarkDelivered(statusCode!.Value, clock.GetUtcNow());
                delivered++;
            }
            else
            {
                delivery.MarkFailed(statusCode, error, clock.GetUtcNow());
                failing.Add(endpoint.Id);
                if (delivery.State == WebhookDeliveryState.Failed)
                {
                    failed++;
                }
                else
                {
                    retrying++;
                }
            }

            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogWarning("Webhook delivery {DeliveryId}: its claim ran out before the outcome was saved; it may be sent again", delivery.Id);
            }

            if (error is not null && delivery.State == WebhookDeliveryState.Pending)
            {
                await PostponeEndpointAsync(db, endpoint.Id, delivery.DueAt);
            }

            disabled += await RecordEndpointHealthAsync(endpoint.Id, error is null, CancellationToken.None) ? 1 : 0;
        }

        return new WebhookRun(created, delivered, retrying, failed, disabled);
    }

    /// <summary>
    /// The backoff is the endpoint's, not only the delivery's: its other waiting deliveries are not tried before the
    /// failed one is tried again (their attempts do not count), so a receiver that is down is asked once per backoff step.
    /// </summary>
    private static Task<int> PostponeEndpointAsync(PortalDbContext db, Guid endpointId, DateTimeOffset until) =>
        db.WebhookDeliveries
            .Where(d => d.EndpointId == endpointId && d.State == WebhookDeliveryState.Pending && d.DueAt < until)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.DueAt, until).SetProperty(d => d.Version, d => d.Version + 1), CancellationToken.None);

    private async Task<(int? StatusCode, string? Error)> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
            var secret = secrets.Unprotect(endpoint.ProtectedSecret);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(WebhookSignature.IdHeader, delivery.Id.ToString());
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(secret, timestamp, delivery.Payload));
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("LicensingPortal-Webhooks", "1"));

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            using var response = await http.CreateClient(WebhookSettings.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? (code, null)
                : (code, code is >= 300 and < 400 ? $"HTTP {code}: redirects are not followed; register the final address." : $"HTTP {code} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {settings.Timeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException e)
        {
            return (null, Innermost(e));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return (null, "The endpoint's secret cannot be read (the portal's data-protection keys changed): rotate the secret.");
        }
    }

    /// <summary>The most specific reason (a refused address, a TLS or socket error) rather than "an error occurred while sending".</summary>
    private static string Innermost(Exception e)
    {
        while (e is not WebhookTargetRefusedException && e.InnerException is { } inner)
        {
            e = inner;
        }

        return e.Message;
    }

    /// <summary>A success clears the endpoint's failing streak; a failure starts it or, after long enough, disables the endpoint and records why.</summary>
    private async Task<bool> RecordEndpointHealthAsync(Guid endpointId, bool succeeded, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
            if (endpoint is null)
            {
                return false;
            }

            var now = clock.GetUtcNow();
            bool changed, disabledNow = false;
            if (succeeded)
            {
                changed = endpoint.RecordSuccess();
            }
            else
            {
                if (!endpoint.Enabled)
                {
                    return false;
                }

                var wasFailing = endpoint.FailingSince is not null;
                disabledNow = endpoint.RecordFailure(now, settings.DisableAfter);
                changed = !wasFailing || disabledNow;
            }

            if (!changed)
            {
                return false;
            }

            if (disabledNow)
            {
                db.AuditEntries.Add(AuditEntry.Record(EndpointDisabledAction, nameof(WebhookEndpoint), endpoint.Id.ToString(), endpoint.CompanyId, Actor.Scheduler, now, before: "Enabled", after: endpoint.DisabledReason));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                if (disabledNow)
                {
                    logger.LogWarning("Webhook endpoint {EndpointId} ({Url}) was disabled: {Reason}", endpoint.Id, endpoint.Url, endpoint.DisabledReason);
                }

                return disabledNow;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The owner saved the endpoint (or another node recorded an outcome) meanwhile: read it again.
            }
        }

        return false;
    }
}
