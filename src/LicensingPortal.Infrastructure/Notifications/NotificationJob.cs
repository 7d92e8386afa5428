using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Branding;
using LicensingPortal.Application.LicenseRequests;
using LicensingPortal.Application.Notifications;
using LicensingPortal.Application.Support;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LicensingPortal.Infrastructure.Notifications;

public sealed record NotificationRun(int Created, int EmailsSent, int EmailsRetrying, int EmailsFailed);

/// <summary>
/// R20, the background half: turns what happened and what is about to happen into notifications for the
/// right users, and sends the email outbox. Runs next to <see cref="Jobs.LicenseScheduler"/> on every node:
/// <list type="bullet">
/// <item>license notices (expiring soon, expired, auto-renewal coming up) from each license's dates, every run;</item>
/// <item>"renewed" and "scheduled change applied" from license transactions newer than a cursor;</item>
/// <item>partner suspended / reactivated / canceled, suite changes awaiting approval and webhook endpoints the
/// <see cref="WebhookJob"/> disabled, and a statement's state changes (R24: ready, submitted, approved, rejected), from
/// audit entries newer than a cursor;</item>
/// <item>more units in use than provisioned (R24), from the license days that passed them (<see cref="OverProvisionedDay"/>), newer than a cursor.</item>
/// </list>
/// A notice has a key; the unique (recipient, key) index makes it happen once however many runs or nodes
/// race (ADR 0009). Each email is claimed through its version column before it is sent (ADR 0008).
/// </summary>
public sealed class NotificationJob(
    IServiceScopeFactory scopes, TimeProvider clock, NotificationSettings settings, IEmailSender sender, BrandLookup brands, ILogger<NotificationJob> logger)
{
    public const int BatchSize = EventSource.BatchSize;


    public async Task<NotificationRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var created = await CreateLicenseNoticesAsync(cancellationToken)
            + await CreatePoolNoticesAsync(cancellationToken)
            + await CreateFromTransactionsAsync(cancellationToken)
            + await CreateFromAuditAsync(cancellationToken)
            + await CreateFromOverProvisionedAsync(cancellationToken);
        var (sent, retrying, failed) = await SendDueEmailsAsync(cancellationToken);
        await DeleteExpiredAsync(cancellationToken);
        if (created + sent + retrying + failed > 0)
        {
            logger.LogInformation("Notifications: {Created} created, {Sent} emails sent, {Retrying} to retry, {Failed} failed", created, sent, retrying, failed);
        }

        return new NotificationRun(created, sent, retrying, failed);
    }

    private DateTimeOffset _nextCleanupAt = DateTimeOffset.MinValue;

    /// <summary>
    /// Retention: once a day per node, notifications older than <c>Notifications:RetentionDays</c> (default 400) go,
    /// with their emails (cascade), unless an email of theirs still waits to be sent. Idempotent: nodes may overlap.
    /// </summary>
    private async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < _nextCleanupAt)
        {
            return;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var cutoff = now.AddDays(-settings.RetentionDays);
        var deleted = await db.Notifications
            .Where(n => n.CreatedAt < cutoff
                && !db.OutboxEmails.Any(e => e.NotificationId == n.Id && (e.State == OutboxEmailState.Pending || e.State == OutboxEmailState.Sending)))
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Notifications: {Deleted} older than {Days} days deleted", deleted, settings.RetentionDays);
        }

        _nextCleanupAt = now.AddDays(1);
    }

    /// <summary>Customers › {customer} › Licenses › {plan}: the modify form, where units are reduced and renewal turned off.</summary>
    private static string LicensePage(Guid customerId, Guid licenseId) => $"/customers/{customerId}/licenses/{licenseId}";

    /// <summary>R23: the sentence of a refused scheduled change's note (<see cref="CustomerLicense.RefusedNotePrefix"/>).</summary>
    private static string RefusalReason(string? note)
    {
        var at = note?.IndexOf(" refused: ", StringComparison.Ordinal) ?? -1;
        return at < 0 ? note ?? string.Empty : note![(at + " refused: ".Length)..];
    }

    /// <summary>R25: My licenses › the license, a customer user's own page of it.</summary>
    private static string OwnLicensePage(Guid licenseId) => $"/my/licenses/{licenseId}";

    /// <summary>R25: a license notice's customer, whose own users receive it too (as <see cref="NotificationAudience"/> allows), linked to their page.</summary>
    private sealed record CustomerAudience(Guid CustomerId, string Link);

    /// <param name="RecipientUserId">For a notice to one user (R25: the customer user who asked), instead of the company's users.</param>
    /// <param name="Customer">R25: the license's customer, whose users receive the notice besides the company's.</param>
    private sealed record Notice(
        NotificationKind Kind, string Key, Guid CompanyId, string Link, Dictionary<string, string> Values, bool IncludeDisabled = false, Guid? RecipientUserId = null, CustomerAudience? Customer = null);

    private async Task<int> CreateLicenseNoticesAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var licenses = await WithNoticeDue(db.CustomerLicenses.AsNoTracking(), today, settings.RenewalNoticeDays)
            .Select(l => new
            {
                l.Id,
                l.CustomerId,
                CustomerName = l.Customer.Name,
                CompanyId = l.Customer.OwnerId,
                PlanName = l.Plan.Name,
                ProductName = l.Plan.Product.Name,
                l.ExpiresOn,
                l.NotifyDaysBefore,
                l.AutoRenew,
                l.AutoRenewMonths,
                l.LicenseType,
            })
            .ToListAsync(cancellationToken);

        var notices = new List<Notice>();
        var known = KnownLicenseNotices(today);
        foreach (var l in licenses)
        {
            if (LicenseNoticeRules.Due(today, new LicenseFacts(l.ExpiresOn, l.NotifyDaysBefore, l.AutoRenew, l.AutoRenewMonths, l.LicenseType), settings.RenewalNoticeDays) is { } due
                && !known.Contains(due.KeyFor(l.Id)))
            {
                notices.Add(new Notice(due.Kind, due.KeyFor(l.Id), l.CompanyId, LicensePage(l.CustomerId, l.Id), new Dictionary<string, string>
                {
                    ["customer"] = l.CustomerName,
                    ["plan"] = l.PlanName,
                    ["product"] = l.ProductName,
                    ["date"] = l.ExpiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["days"] = Math.Max(0, l.ExpiresOn.DayNumber - today.DayNumber).ToString(System.Globalization.CultureInfo.InvariantCulture),
                }, Customer: new CustomerAudience(l.CustomerId, OwnLicensePage(l.Id))));
            }
        }

        var created = await CreateAsync(notices, cancellationToken);
        RememberLicenseNotices(today, notices.Select(n => n.Key));
        return created;
    }

    /// <summary>
    /// Only licenses with a notice due today (<see cref="LicenseNoticeRules.Due"/> decides exactly): in the renewal
    /// window, or within their own threshold (R8's "expiring soon": ExpiresOn - NotifyDaysBefore &lt;= today, date
    /// arithmetic translated by each provider), or expired in the last week. The webhooks' "license.expiring" uses it too.
    /// </summary>
    public static IQueryable<CustomerLicense> WithNoticeDue(IQueryable<CustomerLicense> licenses, DateOnly today, int renewalNoticeDays)
    {
        var (from, to) = LicenseNoticeRules.Window(today, renewalNoticeDays);
        var renewalTo = today.AddDays(renewalNoticeDays);
        return licenses.Where(l => l.ExpiresOn >= from && l.ExpiresOn <= to && (l.ExpiresOn <= renewalTo || l.ExpiresOn.AddDays(-l.NotifyDaysBefore) <= today));
    }

    private readonly Lock _knownLock = new();
    private (DateOnly Day, HashSet<string> Keys) _knownLicenseNotices = (DateOnly.MinValue, []);

    /// <summary>
    /// The license notice keys this node has already handed to <see cref="CreateAsync"/> today: every run still
    /// asks the database which licenses are due (a date changed any way, even by hand, is seen at the next run),
    /// but only new keys are checked against the notifications table and fanned out. Cleared every day. With
    /// 1M licenses some 30,000 are due on any day; they cost one query per run instead of sixty.
    /// </summary>
    private HashSet<string> KnownLicenseNotices(DateOnly today)
    {
        lock (_knownLock)
        {
            return _knownLicenseNotices.Day == today ? new HashSet<string>(_knownLicenseNotices.Keys, StringComparer.Ordinal) : [];
        }
    }

    private void RememberLicenseNotices(DateOnly today, IEnumerable<string> keys)
    {
        lock (_knownLock)
        {
            if (_knownLicenseNotices.Day != today)
            {
                _knownLicenseNotices = (today, new HashSet<string>(StringComparer.Ordinal));
            }

            _knownLicenseNotices.Keys.UnionWith(keys);
        }
    }

    /// <summary>
    /// License pools with fewer free units than their partner's warning percentage: few rows (a handful of pools per
    /// partner), filtered in SQL. The dashboard, where a partner sees its pools, is the link.
    /// </summary>
    private async Task<int> CreatePoolNoticesAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var pools = await (from p in db.LicensePools.AsNoTracking()
                           join c in db.Companies on p.PartnerId equals c.Id
                           join product in db.Products on p.ProductId equals product.Id
                           join level in db.ServiceLevels on p.ServiceLevelId equals level.Id
                           where c.PoolWarningPercent != null && c.Status != PartnerStatus.Canceled && !p.Disabled && p.EndsOn >= today && p.UnitsTotal > 0
                                 && (long)(p.UnitsTotal - p.UnitsUsed) * 100 < (long)p.UnitsTotal * c.PoolWarningPercent.Value
                           select new
                           {
                               p.Id,
                               p.PartnerId,
                               Partner = c.Name,
                               Percent = c.PoolWarningPercent!.Value,
                               p.UnitsTotal,
                               p.UnitsUsed,
                               p.UnitsRefilled,
                               p.LicenseType,
                               Product = product.Name,
                               Level = level.Name,
                           })
            .ToListAsync(cancellationToken);

        var notices = pools
            .Where(p => PoolNoticeRules.IsRunningLow(p.UnitsTotal, p.UnitsUsed, p.Percent))
            .Select(p => new Notice(NotificationKind.LicensePoolRunningLow, PoolNoticeRules.KeyFor(p.Id, p.UnitsTotal, p.UnitsRefilled), p.PartnerId, "/#pool-heading", new Dictionary<string, string>
            {
                ["product"] = p.Product,
                ["plan"] = p.LicenseType == LicenseType.Full ? p.Level : $"{p.Level}, {p.LicenseType.Display()}",
                ["company"] = p.Partner,
                ["partner"] = p.Partner,
                ["units"] = Math.Max(0, p.UnitsTotal - p.UnitsUsed).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                ["total"] = p.UnitsTotal.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                ["percent"] = p.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["date"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }))
            .ToList();
        return await CreateAsync(notices, cancellationToken);
    }

    private async Task<int> CreateFromTransactionsAsync(CancellationToken cancellationToken)
    {
        var created = 0;
        await EventSource.ReadAsync(scopes, clock, "LicenseTransactions", async (db, since, lastAt, lastId) =>
        {
            var scheduler = Actor.Scheduler.Name;
            var page = await db.LicenseTransactions.AsNoTracking()
                .After(since, lastId)
                .Where(t => t.Type == TransactionType.AutoRenewal
                    || ((t.Type == TransactionType.LicenseChange || t.Type == TransactionType.ScheduledChangeFailed) && t.ActorUserId == null && t.ActorName == scheduler))
                .Take(BatchSize)
                .Select(t => new { t.Id, t.At, t.Type, t.CompanyId, t.CustomerId, t.CustomerName, t.LicenseId, t.PlanName, t.Note })
                .ToListAsync(cancellationToken);
            var licenseIds = page.Select(t => t.LicenseId).Distinct().ToList();
            var expiries = await db.CustomerLicenses.AsNoTracking().Where(l => licenseIds.Contains(l.Id))
                .Select(l => new { l.Id, l.ExpiresOn, ProductName = l.Plan.Product.Name }).ToDictionaryAsync(l => l.Id, cancellationToken);
            var notices = page.Select(t =>
            {
                var kind = t.Type switch
                {
                    TransactionType.AutoRenewal => NotificationKind.AutoRenewalDone,
                    TransactionType.ScheduledChangeFailed => NotificationKind.ScheduledChangeRefused,
                    _ => NotificationKind.ScheduledChangeApplied,
                };
                var license = expiries.GetValueOrDefault(t.LicenseId);
                var date = kind == NotificationKind.AutoRenewalDone && license is not null ? license.ExpiresOn : DateOnly.FromDateTime(t.At.UtcDateTime);
                return new Notice(kind, $"{kind}:{t.Id:N}", t.CompanyId, LicensePage(t.CustomerId, t.LicenseId), new Dictionary<string, string>
                {
                    ["customer"] = t.CustomerName,
                    ["plan"] = t.PlanName,
                    ["product"] = license?.ProductName ?? string.Empty,
                    ["date"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["reason"] = kind == NotificationKind.ScheduledChangeRefused ? RefusalReason(t.Note) : string.Empty,
                }, Customer: new CustomerAudience(t.CustomerId, OwnLicensePage(t.LicenseId)));
            }).ToList();
            created += await CreateAsync(notices, cancellationToken);
            return page.Count == 0 ? null : (page[^1].At, page[^1].Id, page.Count);
        }, cancellationToken);
        return created;
    }

    private async Task<int> CreateFromAuditAsync(CancellationToken cancellationToken)
    {
        string[] actions = ["PartnerSuspended", "PartnerReactivated", "PartnerCanceled", "SuiteChangeRecorded", WebhookJob.EndpointDisabledAction, StartSupportSession.StartedAction, .. StatementNotices.Keys, .. LicenseRequestNotices];
        var created = 0;
        await EventSource.ReadAsync(scopes, clock, "AuditEntries", async (db, since, lastAt, lastId) =>
        {
            var page = await db.AuditEntries.AsNoTracking()
                .After(since, lastId)
                .Where(a => actions.Contains(a.Action))
                .Take(BatchSize)
                .Select(a => new { a.Id, a.At, a.Action, a.CompanyId, a.EntityId, a.After })
                .ToListAsync(cancellationToken);
            var notices = new List<Notice>();
            foreach (var entry in page)
            {
                var date = DateOnly.FromDateTime(entry.At.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                if (StatementNotices.TryGetValue(entry.Action, out var statementKind))
                {
                    if (Guid.TryParse(entry.EntityId, out var statementId) && await StatementNoticeAsync(db, statementKind, entry.Id, statementId, date, entry.After, cancellationToken) is { } notice)
                    {
                        notices.Add(notice);
                    }

                    continue;
                }

                if (LicenseRequestNotices.Contains(entry.Action))
                {
                    if (Guid.TryParse(entry.EntityId, out var requestId) && await LicenseRequestNoticeAsync(db, entry.Action, entry.Id, requestId, date, cancellationToken) is { } notice)
                    {
                        notices.Add(notice);
                    }

                    continue;
                }

                if (entry.Action == StartSupportSession.StartedAction)
                {
                    if (Guid.TryParse(entry.EntityId, out var sessionId) && await SupportSessionNoticeAsync(db, entry.Id, sessionId, date, cancellationToken) is { } notice)
                    {
                        notices.Add(notice);
                    }

                    continue;
                }

                if (entry.Action == "SuiteChangeRecorded" && Guid.TryParse(entry.EntityId, out var changeId))
                {
                    var change = await db.SuiteCompositionChanges.AsNoTracking().Where(c => c.Id == changeId)
                        .Select(c => new { c.EffectiveOn, Product = c.Product.Name }).SingleOrDefaultAsync(cancellationToken);
                    var owners = await db.ServicePlans.AsNoTracking().Where(p => p.LockedBySuiteChangeId == changeId)
                        .Select(p => p.OwnerId).Distinct()
                        .Join(db.Companies, id => id, c => c.Id, (id, c) => new { OwnerId = id, c.Name })
                        .ToListAsync(cancellationToken);
                    notices.AddRange(owners.Where(_ => change is not null).Select(o => new Notice(
                        NotificationKind.SuiteChangeAwaitingApproval, $"{NotificationKind.SuiteChangeAwaitingApproval}:{changeId:N}", o.OwnerId, "/service-plans/component-updates",
                        new Dictionary<string, string>
                        {
                            ["product"] = change!.Product,
                            ["company"] = o.Name,
                            ["date"] = change.EffectiveOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        })));
                }
                else if (entry.Action == WebhookJob.EndpointDisabledAction && entry.CompanyId is { } ownerId && Guid.TryParse(entry.EntityId, out var endpointId))
                {
                    var endpoint = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Id == endpointId).Select(e => e.Url).SingleOrDefaultAsync(cancellationToken);
                    var company = await db.Companies.AsNoTracking().Where(c => c.Id == ownerId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
                    notices.Add(new Notice(NotificationKind.WebhookEndpointDisabled, $"{NotificationKind.WebhookEndpointDisabled}:{entry.Id:N}", ownerId, $"/webhooks/{endpointId}/deliveries", new Dictionary<string, string>
                    {
                        ["endpoint"] = endpoint ?? string.Empty,
                        ["company"] = company ?? string.Empty,
                        ["date"] = date,
                    }));
                }
                else if (entry.CompanyId is { } partnerId)
                {
                    var kind = entry.Action switch
                    {
                        "PartnerSuspended" => NotificationKind.PartnerSuspended,
                        "PartnerReactivated" => NotificationKind.PartnerReactivated,
                        _ => NotificationKind.PartnerCanceled,
                    };
                    var partner = await db.Companies.AsNoTracking().Where(c => c.Id == partnerId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);

                    // A canceled partner's accounts are disabled in the same save: they still get the email.
                    notices.Add(new Notice(kind, $"{kind}:{entry.Id:N}", partnerId, "/", new Dictionary<string, string>
                    {
                        ["partner"] = partner ?? string.Empty,
                        ["company"] = partner ?? string.Empty,
                        ["date"] = date,
                    }, IncludeDisabled: kind == NotificationKind.PartnerCanceled));
                }
            }

            created += await CreateAsync(notices, cancellationToken);
            return page.Count == 0 ? null : (page[^1].At, page[^1].Id, page.Count);
        }, cancellationToken);
        return created;
    }

    /// <summary>
    /// R24: each license day whose reported use passed its provisioned units (one row per license and day, written by
    /// <c>ReportUsage</c>) becomes a notice to the company owning the license, linked to the license's page.
    /// </summary>
    private async Task<int> CreateFromOverProvisionedAsync(CancellationToken cancellationToken)
    {
        var created = 0;
        await EventSource.ReadAsync(scopes, clock, "OverProvisionedDays", async (db, since, lastAt, lastId) =>
        {
            var page = await db.OverProvisionedDays.AsNoTracking().After(since, lastId).Take(BatchSize).ToListAsync(cancellationToken);
            var licenseIds = page.Select(d => d.LicenseId).Distinct().ToList();
            var licenses = await db.CustomerLicenses.AsNoTracking().Where(l => licenseIds.Contains(l.Id))
                .Select(l => new { l.Id, l.CustomerId, Customer = l.Customer.Name, Plan = l.Plan.Name, Product = l.Plan.Product.Name })
                .ToDictionaryAsync(l => l.Id, cancellationToken);
            var notices = page.Where(d => licenses.ContainsKey(d.LicenseId)).Select(d =>
            {
                var license = licenses[d.LicenseId];
                return new Notice(NotificationKind.UsageOverProvisioned, OverProvisionedKey(d), d.CompanyId, LicensePage(license.CustomerId, d.LicenseId), new Dictionary<string, string>
                {
                    ["customer"] = license.Customer,
                    ["plan"] = license.Plan,
                    ["product"] = license.Product,
                    ["date"] = d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["used"] = d.Used.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    ["provisioned"] = d.Provisioned.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    ["units"] = d.Used.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                });
            }).ToList();
            created += await CreateAsync(notices, cancellationToken);
            return page.Count == 0 ? null : (page[^1].At, page[^1].Id, page.Count);
        }, cancellationToken);
        return created;
    }

    /// <summary>Once per license and day, whoever reported it and however often.</summary>
    private static string OverProvisionedKey(OverProvisionedDay day) =>
        $"{NotificationKind.UsageOverProvisioned}:{day.LicenseId:N}:{day.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>R24: the statement's audited state changes that are announced, and as what.</summary>
    private static readonly Dictionary<string, NotificationKind> StatementNotices = new(StringComparer.Ordinal)
    {
        ["StatementClosed"] = NotificationKind.StatementReady,
        ["StatementSubmitted"] = NotificationKind.StatementSubmitted,
        ["StatementApproved"] = NotificationKind.StatementApproved,
        ["StatementRejected"] = NotificationKind.StatementRejected,
    };

    /// <summary>
    /// R24: a statement's news for the company that acts next: the partner (the buyer) when its statement is ready, approved
    /// or rejected (with the reason given then); the provider when it is submitted. Linked to the statement's page.
    /// </summary>
    private static async Task<Notice?> StatementNoticeAsync(
        PortalDbContext db, NotificationKind kind, Guid entryId, Guid statementId, string date, string? after, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().Where(s => s.Id == statementId)
            .Select(s => new { s.CompanyId, s.ProviderId, s.Month, s.Total, s.CurrencyCode })
            .SingleOrDefaultAsync(cancellationToken);
        if (statement is null)
        {
            return null;
        }

        var companies = await db.Companies.AsNoTracking().Where(c => c.Id == statement.CompanyId || c.Id == statement.ProviderId)
            .Select(c => new { c.Id, c.Name, c.StatementDeadlineDay })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var buyer = companies[statement.CompanyId].Name;
        var deadline = Statement.DeadlineOf(statement.Month, companies[statement.ProviderId].StatementDeadlineDay);
        var amount = $"{statement.Total.ToString("N" + Currency.Of(statement.CurrencyCode).MinorUnits, System.Globalization.CultureInfo.InvariantCulture)} {statement.CurrencyCode}";
        return new Notice(kind, $"{kind}:{entryId:N}", kind == NotificationKind.StatementSubmitted ? statement.ProviderId : statement.CompanyId, StatementPage(statementId), new Dictionary<string, string>
        {
            ["partner"] = buyer,
            ["company"] = buyer,
            ["month"] = statement.Month.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
            ["amount"] = amount,
            ["date"] = kind == NotificationKind.StatementReady ? deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : date,
            ["reason"] = kind == NotificationKind.StatementRejected ? DecideStatement.RejectionReasonIn(after) : string.Empty,
        });
    }

    /// <summary>R25: the audited steps of a change request that are announced: its creation to the owner, its answer to the customer user who asked.</summary>
    private static readonly string[] LicenseRequestNotices =
        [CreateLicenseRequest.CreatedAction, ApproveLicenseRequest.ApprovedAction, ApproveLicenseRequest.RefusedAction, DeclineLicenseRequest.DeclinedAction];

    /// <summary>
    /// R25: a new request goes to the owner's reviewers, linked to its queue; an approval, a decline (with its reason) or a rule's
    /// refusal at approval (with its sentence) goes to the customer user who asked, linked to their requests.
    /// </summary>
    private static async Task<Notice?> LicenseRequestNoticeAsync(PortalDbContext db, string action, Guid entryId, Guid requestId, string date, CancellationToken cancellationToken)
    {
        var request = await db.LicenseRequests.AsNoTracking().Where(r => r.Id == requestId)
            .Join(db.CustomerLicenses, r => r.LicenseId, l => l.Id, (r, l) => new
            {
                r.CompanyId,
                r.RequestedByUserId,
                r.Summary,
                r.Comment,
                r.ApplyOn,
                r.DeclineReason,
                r.Refusal,
                Customer = l.Customer.Name,
                Plan = l.Plan.Name,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return null;
        }

        var values = new Dictionary<string, string>
        {
            ["customer"] = request.Customer,
            ["plan"] = request.Plan,
            ["change"] = request.Summary,
            ["date"] = date,
        };
        if (action == CreateLicenseRequest.CreatedAction)
        {
            values["comment"] = request.Comment;
            return new Notice(NotificationKind.LicenseRequestCreated, $"{NotificationKind.LicenseRequestCreated}:{entryId:N}", request.CompanyId, "/customers/requests", values);
        }

        if (request.RequestedByUserId is not { } askedBy)
        {
            return null;
        }

        (values["outcome"], values["reason"]) = action switch
        {
            ApproveLicenseRequest.ApprovedAction => ("approved", request.ApplyOn is { } on
                ? $"The change applies on {on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}."
                : "The change was applied."),
            DeclineLicenseRequest.DeclinedAction => ("declined", $"The reason: {request.DeclineReason}"),
            _ => ("not approved yet", $"A rule refused the change: {request.Refusal} Your request stays open."),
        };
        return new Notice(NotificationKind.LicenseRequestAnswered, $"{NotificationKind.LicenseRequestAnswered}:{entryId:N}", request.CompanyId, "/my/requests", values, RecipientUserId: askedBy);
    }

    /// <summary>
    /// R26: a support session started on a partner goes to the partner's administrators; on a customer, to the customer's
    /// administrators and to its owner's. Linked to their support access page, where they consent, revoke or end it.
    /// </summary>
    private static async Task<Notice?> SupportSessionNoticeAsync(PortalDbContext db, Guid entryId, Guid sessionId, string date, CancellationToken cancellationToken)
    {
        var session = await db.SupportSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.CompanyId, s.CompanyType, s.CompanyName, s.AuditCompanyId, s.SupportUserName, s.Reason })
            .SingleOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return null;
        }

        var values = new Dictionary<string, string>
        {
            ["person"] = session.SupportUserName,
            ["company"] = session.CompanyName,
            ["reason"] = session.Reason,
            ["date"] = date,
        };
        var key = $"{NotificationKind.SupportSessionStarted}:{entryId:N}";
        return session.CompanyType == CompanyType.Customer
            ? new Notice(NotificationKind.SupportSessionStarted, key, session.AuditCompanyId, SupportAccessPage, values, Customer: new CustomerAudience(session.CompanyId, SupportAccessPage))
            : new Notice(NotificationKind.SupportSessionStarted, key, session.CompanyId, SupportAccessPage, values);
    }

    /// <summary>R26: a company's support sessions, to consent to, revoke or end.</summary>
    private const string SupportAccessPage = "/support-access";

    /// <summary>Billing › Statements › the statement.</summary>
    private static string StatementPage(Guid statementId) => $"/billing/statements/{statementId}";

    /// <param name="CustomerId">R25: a customer user's customer (their emails carry its partner's brand); null for a company's users.</param>
    private sealed record Recipient(Guid UserId, Guid CompanyId, Guid ProviderId, string Name, string? Email, bool Disabled, CompanyType CompanyType, List<string> Roles, Guid? CustomerId = null);

    /// <summary>
    /// Fans each notice out to the users of its company who receive its kind and have not turned it off, and (R25) to the users of
    /// its license's customer, linked to their own page, with their partner's brand on the email; one save per notice.
    /// </summary>
    private async Task<int> CreateAsync(IReadOnlyList<Notice> notices, CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var chunk in notices.Chunk(BatchSize))
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var keys = chunk.Select(n => n.Key).Distinct().ToList();
            var existing = (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.Key)).Select(n => new { n.Key, n.RecipientUserId }).ToListAsync(cancellationToken))
                .Select(n => (n.Key, n.RecipientUserId)).ToHashSet();
            var recipients = await RecipientsAsync(db, chunk.Where(n => n.RecipientUserId is null).Select(n => n.CompanyId).Distinct().ToList(), cancellationToken);
            var direct = await UserRecipientsAsync(db, chunk.Select(n => n.RecipientUserId).OfType<Guid>().Distinct().ToList(), cancellationToken);
            var customerUsers = await CustomerRecipientsAsync(db, chunk.Select(n => n.Customer?.CustomerId).OfType<Guid>().Distinct().ToList(), cancellationToken);
            var userIds = recipients.SelectMany(r => r.Value).Concat(direct.Values).Concat(customerUsers.SelectMany(r => r.Value)).Select(r => r.UserId).ToList();
            var optedOut = (await db.NotificationOptOuts.AsNoTracking().Where(o => userIds.Contains(o.UserId)).Select(o => new { o.UserId, o.Kind }).ToListAsync(cancellationToken))
                .Select(o => (o.UserId, o.Kind)).ToHashSet();
            var providerIds = recipients.SelectMany(r => r.Value).Concat(direct.Values).Concat(customerUsers.SelectMany(r => r.Value)).Select(r => r.ProviderId).Distinct().ToList();
            var emailBrands = new Dictionary<Guid, EmailBrand?>();
            var templates = await db.NotificationTemplates.AsNoTracking().Where(t => providerIds.Contains(t.ProviderId)).ToDictionaryAsync(t => (t.ProviderId, t.Kind), cancellationToken);
            var now = clock.GetUtcNow();

            foreach (var notice in chunk)
            {
                var added = 0;
                IEnumerable<(Recipient Recipient, string Link)> to = notice.RecipientUserId is { } userId
                    ? direct.TryGetValue(userId, out var one) ? [(one, notice.Link)] : []
                    : recipients.GetValueOrDefault(notice.CompanyId, []).Select(r => (r, notice.Link));
                if (notice.Customer is { } customer)
                {
                    to = to.Concat(customerUsers.GetValueOrDefault(customer.CustomerId, []).Select(r => (r, customer.Link)));
                }

                foreach (var (recipient, link) in to)
                {
                    if ((recipient.Disabled && !notice.IncludeDisabled)
                        || !NotificationAudience.Receives(notice.Kind, recipient.Roles, recipient.CompanyType)
                        || optedOut.Contains((recipient.UserId, notice.Kind))
                        || !existing.Add((notice.Key, recipient.UserId)))
                    {
                        continue;
                    }

                    var values = new Dictionary<string, string>(notice.Values) { ["recipient"] = recipient.Name, ["link"] = settings.PortalUrl + link };
                    var brand = recipient.CustomerId is { } customerId ? await EmailBrandAsync(db, emailBrands, customerId, cancellationToken) : null;
                    var message = templates.TryGetValue((recipient.ProviderId, notice.Kind), out var template) ? template.Render(values, brand) : NotificationTemplate.Default(notice.Kind, values, brand);
                    var notification = Notification.Create(recipient.UserId, recipient.CompanyId, notice.Kind, notice.Key, message.Subject, link, now);
                    db.Notifications.Add(notification);
                    if (settings.EmailEnabled && !string.IsNullOrWhiteSpace(recipient.Email))
                    {
                        db.OutboxEmails.Add(OutboxEmail.For(notification, recipient.Email, message, now));
                    }

                    added++;
                }

                if (added > 0)
                {
                    created += await SaveNoticeAsync(db, added, cancellationToken);
                }
            }
        }

        return created;
    }

    private async Task<int> SaveNoticeAsync(PortalDbContext db, int added, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return added;
        }
        catch (Exception e) when (InsertRace.Lost(e))
        {
            // Another node created the same notice at the same moment (unique recipient + key): its rows stand.
            logger.LogDebug(e, "Notification already created by another run");
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    /// <summary>R25: the brand a customer's users see (docs/branding.md), as an email header; read once per customer and batch.</summary>
    private async Task<EmailBrand?> EmailBrandAsync(PortalDbContext db, Dictionary<Guid, EmailBrand?> known, Guid customerId, CancellationToken cancellationToken)
    {
        if (!known.TryGetValue(customerId, out var brand))
        {
            brand = known[customerId] = (await brands.ForCustomerAsync(db, customerId, cancellationToken)).ForEmail(settings.PortalUrl);
        }

        return brand;
    }

    /// <summary>R25: the users of these customers (customer administrators and viewers), by customer.</summary>
    private static async Task<Dictionary<Guid, List<Recipient>>> CustomerRecipientsAsync(PortalDbContext db, List<Guid> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0)
        {
            return [];
        }

        var userIds = await db.Users.AsNoTracking().Where(u => u.CustomerId != null && customerIds.Contains(u.CustomerId.Value)).Select(u => u.Id).ToListAsync(cancellationToken);
        return (await UserRecipientsAsync(db, userIds, cancellationToken)).Values
            .GroupBy(r => r.CustomerId!.Value)
            .ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>
    /// R25: users named by a notice (a customer user, whom the company fan-out leaves out), by id. A customer user's company is
    /// its customer's owner, whose provider's templates apply; its roles are read as a customer user's.
    /// </summary>
    private static async Task<Dictionary<Guid, Recipient>> UserRecipientsAsync(PortalDbContext db, List<Guid> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Join(db.Companies, u => u.CompanyId, c => c.Id, (u, c) => new { u.Id, u.CompanyId, u.CustomerId, u.DisplayName, u.Email, u.IsDisabled, c.Type, c.ProviderId })
            .ToListAsync(cancellationToken);
        var roles = (await db.UserRoles.AsNoTracking().Where(ur => userIds.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name ?? string.Empty);
        return users.ToDictionary(
            u => u.Id,
            u => new Recipient(u.Id, u.CompanyId, u.ProviderId ?? u.CompanyId, u.DisplayName, u.Email, u.IsDisabled, u.CustomerId is null ? u.Type : CompanyType.Customer, roles[u.Id].ToList(), u.CustomerId));
    }

    private static async Task<Dictionary<Guid, List<Recipient>>> RecipientsAsync(PortalDbContext db, List<Guid> companyIds, CancellationToken cancellationToken)
    {
        var companies = await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Type, c.ProviderId }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => companyIds.Contains(u.CompanyId) && u.CustomerId == null)
            .Select(u => new { u.Id, u.CompanyId, u.DisplayName, u.Email, u.IsDisabled }).ToListAsync(cancellationToken);
        var userIds = users.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.AsNoTracking().Where(ur => userIds.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name ?? string.Empty);
        return users
            .Where(u => companies.ContainsKey(u.CompanyId))
            .Select(u =>
            {
                var company = companies[u.CompanyId];
                return new Recipient(u.Id, u.CompanyId, company.ProviderId ?? company.Id, u.DisplayName, u.Email, u.IsDisabled, company.Type, roles[u.Id].ToList());
            })
            .GroupBy(r => r.CompanyId)
            .ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>
    /// The outbox: each due email is claimed (Pending → Sending, version checked: one node wins), sent, and
    /// marked Sent or Failed (retried later with backoff). A node that dies after its claim leaves the email
    /// Sending until the lease ends; then any node sends it.
    /// </summary>
    private async Task<(int Sent, int Retrying, int Failed)> SendDueEmailsAsync(CancellationToken cancellationToken)
    {
        if (!settings.EmailEnabled)
        {
            return (0, 0, 0);
        }

        List<Guid> due;
        var now = clock.GetUtcNow();
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            due = await db.OutboxEmails.AsNoTracking()
                .Where(e => (e.State == OutboxEmailState.Pending || e.State == OutboxEmailState.Sending) && e.DueAt <= now)
                .OrderBy(e => e.DueAt).Take(BatchSize).Select(e => e.Id)
                .ToListAsync(cancellationToken);
        }

        int sent = 0, retrying = 0, failed = 0;
        foreach (var id in due)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var email = await db.OutboxEmails.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
            now = clock.GetUtcNow();
            if (email is null || !email.IsDue(now))
            {
                continue;
            }

            email.Claim(now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // another node claimed it first
            }

            try
            {
                await sender.SendAsync(new EmailMessage(email.Id, email.To, email.Subject, email.HtmlBody), cancellationToken);
                email.MarkSent(clock.GetUtcNow());
                sent++;
            }
            catch (EmailDeliveryException e)
            {
                email.MarkFailed(e.Message, e.Permanent, clock.GetUtcNow());
                if (email.State == OutboxEmailState.Failed)
                {
                    failed++;
                    logger.LogWarning("Email {EmailId} to {To} failed for good after {Attempts} attempt(s): {Error}", email.Id, email.To, email.Attempts, e.Message);
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
                logger.LogWarning("Email {EmailId}: its claim ran out before the outcome was saved; it may be sent again", email.Id);
            }
        }

        return (sent, retrying, failed);
    }
}
