using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.FunctionalTests.Api;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Licenses;

/// <summary>
/// R23 through the page, the API and the nightly job: a scheduled change carries only what it changes,
/// and what is saved meanwhile survives. Its own app: the tests move the clock.
/// </summary>
[Trait("Category", "Calendar")]
public sealed class PendingChangeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Edits_saved_after_scheduling_survive_when_the_change_applies_through_the_page_R23_R7()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, "Kestrel Engineering");
        var url = $"/customers/{customerId}/licenses/{licenseId}";
        var before = await LicenseAsync(licenseId);
        var applyOn = factory.Clock.Today.AddDays(7);

        var scheduled = await PostAsync(client, url, new() { ["Input.Units"] = Text(before.Units + 1), ["Input.ApplyMode"] = "OnDate", ["Input.ApplyOn"] = Text(applyOn) });
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);

        // Saved now: another expiry and notification. The page shows the scheduled units beside the field.
        var extended = before.ExpiresOn.AddMonths(3);
        var saved = await PostAsync(client, url, new() { ["Input.ExpiresOn"] = Text(extended), ["Input.NotifyDaysBefore"] = "60" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await client.GetPageAsync(url);
        Assert.Contains($"→ {before.Units + 1} on {Text(applyOn)}", page.QuerySelector("[data-testid=scheduled-Units]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=scheduled-ExpiresOn]"));

        factory.Clock.AdvanceDays(7);
        await factory.Services.GetRequiredService<LicenseScheduler>().RunOnceAsync(TestContext.Current.CancellationToken);

        var after = await LicenseAsync(licenseId);
        Assert.Equal((before.Units + 1, extended, 60), (after.Units, after.ExpiresOn, after.NotifyDaysBefore));
    }

    [Fact]
    public async Task Saving_now_a_setting_with_a_scheduled_value_asks_first_then_keeps_or_drops_it_R23()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, "Juniper Schools");
        var url = $"/customers/{customerId}/licenses/{licenseId}";
        var before = await LicenseAsync(licenseId);
        var applyOn = factory.Clock.Today.AddDays(20);
        await PostAsync(client, url, new() { ["Input.Units"] = Text(before.Units + 2), ["Input.NotifyDaysBefore"] = "44", ["Input.ApplyMode"] = "OnDate", ["Input.ApplyOn"] = Text(applyOn) });

        var asked = await PostAsync(client, url, new() { ["Input.Units"] = Text(before.Units + 5) });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var form = await PortalClient.ParseAsync(await asked.Content.ReadAsStringAsync());
        Assert.Contains("Keep the scheduled value", form.QuerySelector("[data-valmsg-for='Input.Units']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(Text(before.Units + 5), form.QuerySelector("#Input_Units")?.GetAttribute("value"));
        Assert.Equal(before.Units, (await LicenseAsync(licenseId)).Units);

        var dropped = await PostAsync(client, url, new() { ["Input.Units"] = Text(before.Units + 5), ["Input.PendingValues"] = "Drop" });
        Assert.Equal(HttpStatusCode.Redirect, dropped.StatusCode);
        var pending = await Demo.QueryAsync(factory, db => db.ScheduledLicenseChanges.AsNoTracking().SingleAsync(c => c.LicenseId == licenseId && c.State == ScheduledChangeState.Pending));
        Assert.Equal(new LicenseSettingsChange(NotifyDaysBefore: 44), pending.Changes);
        Assert.Equal(before.Units + 5, (await LicenseAsync(licenseId)).Units);
    }

    [Fact]
    public async Task The_API_shows_the_pending_delta_and_refuses_a_partial_body_naming_the_missing_settings_R23_R21()
    {
        var api = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, "Upland Farms");
        var url = $"/api/v1/customers/{customerId}/licenses/{licenseId}";
        var current = await (await api.GetAsync(url)).JsonAsync();
        var settings = current.GetProperty("settings");
        var units = settings.GetProperty("units").GetInt32();
        var full = new
        {
            units = units + 3,
            expiresOn = settings.GetProperty("expiresOn").GetString(),
            autoRenew = settings.GetProperty("autoRenew").GetBoolean(),
            autoRenewMonths = settings.GetProperty("autoRenewMonths").ValueKind == System.Text.Json.JsonValueKind.Number ? settings.GetProperty("autoRenewMonths").GetInt32() : (int?)null,
            notifyDaysBefore = settings.GetProperty("notifyDaysBefore").GetInt32(),
            managedByRemoteManager = settings.GetProperty("managedByRemoteManager").GetBoolean(),
            addOnEnabled = settings.GetProperty("addOnEnabled").GetBoolean(),
            applyOn = Text(factory.Clock.Today.AddDays(5)),
        };
        var etag = (await api.GetAsync(url)).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await api.PutIfMatchAsync(url, full, etag)).StatusCode);

        var pending = (await (await api.GetAsync(url)).JsonAsync()).GetProperty("pendingChange").GetProperty("settings");
        Assert.Equal(units + 3, pending.GetProperty("units").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, pending.GetProperty("expiresOn").ValueKind);

        etag = (await api.GetAsync(url)).Headers.ETag!.Tag;
        var partial = await api.PutIfMatchAsync(url, new { units = units + 1, expiresOn = full.expiresOn, notifyDaysBefore = 30 }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        var errors = (await partial.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("autoRenew", out _) && errors.TryGetProperty("managedByRemoteManager", out _) && errors.TryGetProperty("addOnEnabled", out _), errors.GetRawText());
        var unchanged = await LicenseAsync(licenseId);
        Assert.Equal((units, full.autoRenew, 30 == full.notifyDaysBefore || unchanged.NotifyDaysBefore == full.notifyDaysBefore), (unchanged.Units, unchanged.AutoRenew, true));

        // Saving the scheduled setting now without saying keep or drop is refused with R23.
        var now = new { full.units, full.expiresOn, full.autoRenew, full.autoRenewMonths, full.notifyDaysBefore, full.managedByRemoteManager, full.addOnEnabled };
        var asked = await api.PutIfMatchAsync(url, now, etag);
        Assert.Equal("R23", await asked.RuleCodeAsync());
    }

    [Fact]
    public async Task A_due_change_the_pool_cannot_cover_is_refused_and_the_company_is_told_R23_R12_R20()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, "Yellowstone Outfitters");
        var url = $"/customers/{customerId}/licenses/{licenseId}";
        var before = await LicenseAsync(licenseId);
        var applyOn = factory.Clock.Today.AddDays(3);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, url, new() { ["Input.Units"] = "999999", ["Input.ApplyMode"] = "OnDate", ["Input.ApplyOn"] = Text(applyOn) })).StatusCode);

        factory.Clock.AdvanceDays(3);
        await factory.Services.GetRequiredService<LicenseScheduler>().RunOnceAsync(TestContext.Current.CancellationToken);
        var job = factory.Services.GetRequiredService<LicensingPortal.Infrastructure.Notifications.NotificationJob>();
        await job.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(before.Units, (await LicenseAsync(licenseId)).Units);
        var admin = await Demo.QueryAsync(factory, db => db.Users.Where(u => u.Email == DemoAccounts.MspAdmin).Select(u => u.Id).SingleAsync());
        var notice = await Demo.QueryAsync(factory, db => db.Notifications.AsNoTracking()
            .SingleAsync(n => n.RecipientUserId == admin && n.Kind == LicensingPortal.Domain.Notifications.NotificationKind.ScheduledChangeRefused && n.Link == url));
        Assert.Contains("Yellowstone Outfitters", notice.Title, StringComparison.Ordinal);
        Assert.Contains(Text(applyOn), notice.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_change_schedules_only_its_settings_and_refuses_to_overwrite_a_scheduled_value_now_R23_R22()
    {
        var api = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var (_, willow) = await Demo.LicenseOfAsync(factory, "Willow Creek Library");
        var (_, xeno) = await Demo.LicenseOfAsync(factory, "Xeno Robotics");
        var applyOn = Text(factory.Clock.Today.AddDays(9));

        var scheduled = await api.PostAsJsonAsync("/api/v1/bulk/license-changes", new { licenseIds = new[] { willow, xeno }, notifyDaysBefore = 50, applyOn });
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        var pending = await Demo.QueryAsync(factory, db => db.ScheduledLicenseChanges.AsNoTracking().Where(c => c.LicenseId == willow && c.State == ScheduledChangeState.Pending).SingleAsync());
        Assert.Equal(new LicenseSettingsChange(NotifyDaysBefore: 50), pending.Changes);

        var preview = await (await api.PostAsJsonAsync("/api/v1/bulk/license-changes/preview", new { licenseIds = new[] { willow }, notifyDaysBefore = 20 })).JsonAsync();
        var line = preview.GetProperty("lines").EnumerateArray().Single();
        Assert.Equal("R23", line.GetProperty("ruleCode").GetString());

        var units = await api.PostAsJsonAsync("/api/v1/bulk/license-changes", new { licenseIds = new[] { willow }, units = 9 });
        Assert.Equal(1, (await units.JsonAsync()).GetProperty("changed").GetInt32());
        Assert.Equal(9, (await LicenseAsync(willow)).Units);
    }

    [Fact]
    public async Task Remote_Manager_is_not_offered_to_a_resellers_customers_and_a_crafted_POST_is_refused_R13()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, "Hanse Logistik");
        var url = $"/customers/{customerId}/licenses/{licenseId}";
        var page = await client.GetPageAsync(url);
        Assert.Null(page.QuerySelector("input[type=checkbox][name='Input.ManagedByRemoteManager']"));

        var crafted = await PostAsync(client, url, new() { ["Input.ManagedByRemoteManager"] = "true" });

        Assert.Equal(HttpStatusCode.OK, crafted.StatusCode);
        var refused = await PortalClient.ParseAsync(await crafted.Content.ReadAsStringAsync());
        Assert.Contains("no Remote Manager console", refused.QuerySelector("[data-valmsg-for='Input.ManagedByRemoteManager']")?.TextContent, StringComparison.Ordinal);
        Assert.False((await LicenseAsync(licenseId)).ManagedByRemoteManager);
    }

    private static async Task<HttpResponseMessage> PostAsync(PortalClient client, string url, Dictionary<string, string> changes)
    {
        var page = await client.GetPageAsync(url);
        var form = PortalClient.FormValues(page, $"form[action='{url}']");
        form["Input.ApplyMode"] = "Now";
        foreach (var (name, value) in changes)
        {
            form[name] = value;
        }

        return await client.PostAsync(url, form, null);
    }

    private Task<CustomerLicense> LicenseAsync(Guid licenseId) =>
        Demo.QueryAsync(factory, db => db.CustomerLicenses.AsNoTracking().SingleAsync(l => l.Id == licenseId));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
