using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LicensingPortal.Application.Webhooks;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.Webhooks;
using LicensingPortal.FunctionalTests.Api;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>
/// R24 with R20 and the webhooks: a report that makes a license's units in use on a day pass the units it provides
/// tells the company owning the license once per license and day (notifications, emails, <c>usage.over_provisioned</c>),
/// however often the product reports that day; the units provided on a past day are those of the license's history.
/// </summary>
public sealed class OverProvisionedUsageTests(UsageFactory factory) : IClassFixture<UsageFactory>
{
    private const string Closed = "https://127.0.0.1:9/in";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = UsageFactory.Today;

    [Fact]
    public async Task Passing_the_units_provided_notifies_the_owner_and_fires_usage_over_provisioned_once_per_license_day_R20_R24()
    {
        var api = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var alder = await Usage.LicenseAsync(factory, "Alder Consulting");
        var endpoint = await AddEndpointAsync(alder.OwnerId, WebhookEvents.UsageOverProvisioned);
        var (yesterday, dayBefore) = (Today.AddDays(-1), Today.AddDays(-2));

        async Task<JsonElement> Report(DateOnly day, int used) => await (await Usage.PostAsync(api, Usage.Report(alder.Id, day, used))).JsonAsync();
        var equal = await Report(yesterday, alder.Units);
        var above = await Report(yesterday, alder.Units + 2);
        var hourLater = await Report(yesterday, alder.Units + 5);
        var otherDay = await Report(dayBefore, alder.Units + 1);
        for (var run = 0; run < 2; run++)
        {
            await factory.Services.GetRequiredService<NotificationJob>().RunOnceAsync(Cancel);
            await factory.Services.GetRequiredService<WebhookJob>().RunOnceAsync(Cancel);
        }

        // The answer says which license day passed, once: at equal units it had not, an hour later it already had.
        Assert.Equal(0, equal.GetProperty("overProvisioned").GetArrayLength());
        var passed = Assert.Single(above.GetProperty("overProvisioned").EnumerateArray());
        Assert.Equal((Usage.Day(yesterday), alder.Units, alder.Units + 2), (passed.GetProperty("day").GetString(), passed.GetProperty("provisioned").GetInt32(), passed.GetProperty("used").GetInt32()));
        Assert.Equal(0, hourLater.GetProperty("overProvisioned").GetArrayLength());
        Assert.Equal(1, otherDay.GetProperty("overProvisioned").GetArrayLength());
        Assert.Equal(alder.Units + 5, await Usage.UsedAsync(factory, alder.Id, yesterday));

        // Contoso's users who can raise the units (its administrator, its customer account manager): one notice each per day.
        var notices = await factory.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.UsageOverProvisioned && n.Link == $"/customers/{alder.CustomerId}/licenses/{alder.Id}")
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => new { n.Key, n.Title, n.Link, n.Id, u.Email }).ToListAsync(Cancel));
        Assert.Equal(4, notices.Count);
        Assert.Equal([DemoAccounts.MspAdmin, DemoAccounts.MspStaff], notices.Select(n => n.Email).Distinct().Order());
        Assert.Equal(2, notices.Select(n => n.Key).Distinct().Count());
        Assert.All(notices, n => Assert.Equal($"/customers/{alder.CustomerId}/licenses/{alder.Id}", n.Link));
        Assert.Contains(notices, n => n.Title == $"Alder Consulting: {alder.Units + 2} units in use on {Usage.Day(yesterday)}, {alder.Units} provisioned");
        var ids = notices.Select(n => n.Id).ToList();
        Assert.Equal(4, await factory.QueryAsync(db => db.OutboxEmails.CountAsync(e => ids.Contains(e.NotificationId), Cancel)));

        // One delivery per license day to the endpoint that asked for the event, with the figures of the report that passed.
        var deliveries = await factory.QueryAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpoint).ToListAsync(Cancel));
        deliveries = [.. deliveries.Where(d => d.Payload.Contains(alder.Id.ToString(), StringComparison.Ordinal))]; // other tests' licenses are Contoso's too
        Assert.Equal(2, deliveries.Count);
        var payload = JsonDocument.Parse(Assert.Single(deliveries, d => d.Payload.Contains(Usage.Day(yesterday), StringComparison.Ordinal)).Payload).RootElement;
        Assert.Equal("usage.over_provisioned", payload.GetProperty("type").GetString());
        var data = payload.GetProperty("data");
        Assert.Equal(alder.Id, data.GetProperty("licenseId").GetGuid());
        Assert.Equal("Alder Consulting", data.GetProperty("customer").GetString());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("plan").GetString()));
        Assert.Equal((alder.Units, alder.Units + 2, 2), (data.GetProperty("provisioned").GetInt32(), data.GetProperty("used").GetInt32(), data.GetProperty("overProvisioned").GetInt32()));
    }

    [Fact]
    public async Task A_past_day_is_over_provisioned_against_the_units_its_history_gave_it_not_todays_R24()
    {
        var api = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var riverbend = await Usage.LicenseAsync(factory, "Riverbend Architects");
        var yesterday = Today.AddDays(-1);
        var fewer = riverbend.Units - 3;
        Assert.True(fewer >= 1);
        await SetUnitsAsync(api, riverbend.CustomerId, riverbend.Id, fewer);

        var report = await (await Usage.PostAsync(api, Usage.Report(riverbend.Id, yesterday, fewer + 1), Usage.Report(riverbend.Id, Today, fewer + 1))).JsonAsync();
        var month = await (await api.GetAsync($"/api/v1/licenses/{riverbend.Id}/usage", Cancel)).JsonAsync();

        // Yesterday the license still had its former units; from today it has fewer, and the same use is above them.
        var over = Assert.Single(report.GetProperty("overProvisioned").EnumerateArray());
        Assert.Equal((Usage.Day(Today), fewer), (over.GetProperty("day").GetString(), over.GetProperty("provisioned").GetInt32()));
        var days = month.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("day").GetString()!, d => d.GetProperty("provisioned").GetInt32());
        Assert.Equal(riverbend.Units, days[Usage.Day(yesterday)]);
        Assert.Equal(fewer, days[Usage.Day(Today)]);
    }

    /// <summary>Through the API's license PUT, as a client would: the license's settings with other units, If-Match its ETag.</summary>
    private static async Task SetUnitsAsync(HttpClient api, Guid customerId, Guid licenseId, int units)
    {
        var url = $"/api/v1/customers/{customerId}/licenses/{licenseId}";
        var read = await api.GetAsync(url, Cancel);
        var settings = (await read.JsonAsync()).GetProperty("settings");
        var request = new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = JsonContent.Create(new
            {
                units,
                expiresOn = settings.GetProperty("expiresOn").GetString(),
                autoRenew = settings.GetProperty("autoRenew").GetBoolean(),
                autoRenewMonths = settings.GetProperty("autoRenewMonths").ValueKind == JsonValueKind.Number ? settings.GetProperty("autoRenewMonths").GetInt32() : (int?)null,
                notifyDaysBefore = settings.GetProperty("notifyDaysBefore").GetInt32(),
                managedByRemoteManager = settings.GetProperty("managedByRemoteManager").GetBoolean(),
                addOnEnabled = settings.GetProperty("addOnEnabled").GetBoolean(),
            }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        var modified = await api.SendAsync(request, Cancel);
        Assert.True(modified.StatusCode == HttpStatusCode.OK, await modified.Content.ReadAsStringAsync(Cancel));
    }

    private async Task<Guid> AddEndpointAsync(Guid companyId, WebhookEvents events)
    {
        var protector = factory.Services.GetRequiredService<IWebhookSecrets>();
        return await factory.QueryAsync(async db =>
        {
            var endpoint = WebhookEndpoint.Create(companyId, new Uri(Closed), events, null, protector.Protect(WebhookEndpoint.NewSecret()), "Test", factory.Clock.GetUtcNow());
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync(Cancel);
            return endpoint.Id;
        });
    }
}
