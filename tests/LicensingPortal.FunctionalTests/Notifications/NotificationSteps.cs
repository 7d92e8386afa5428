using System.Net;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Notifications;

internal sealed record Notified(Guid UserId, string? Email, string Link);

/// <summary>What the notification tests do and ask, in the product's words.</summary>
internal static class NotificationSteps
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Through the modify form, as the MSP's administrator would: the license expires in ten days, renewing or not.</summary>
    public static async Task<(Guid CustomerId, Guid LicenseId)> ChangeLicenseAsync(PortalFactory factory, string customer, string? plan, bool autoRenew)
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, customer, plan);
        var url = $"/customers/{customerId}/licenses/{licenseId}";
        var page = await client.GetPageAsync(url);
        var form = PortalClient.FormValues(page, $"form[action='{url}']");
        form["Input.ExpiresOn"] = factory.Clock.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        form["Input.AutoRenew"] = autoRenew ? "true" : "false";
        form["Input.AutoRenewMonths"] = "12";
        form["Input.NotifyDaysBefore"] = "30";
        var response = await client.PostAsync(url, form, null);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(Cancel));
        return (customerId, licenseId);
    }

    /// <summary>Who was notified of <paramref name="kind"/> about the license.</summary>
    public static Task<List<Notified>> NotifiedAsync(PortalFactory factory, Guid licenseId, NotificationKind kind)
    {
        var key = $"{kind}:{licenseId:N}:";
        return Demo.QueryAsync(factory, db => db.Notifications.Where(n => n.Key.StartsWith(key))
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => new Notified(u.Id, u.Email, n.Link))
            .ToListAsync(Cancel));
    }

    public static Task<int> UnreadAsync(PortalFactory factory, string email) =>
        Demo.QueryAsync(factory, db => db.Notifications.CountAsync(n => n.ReadAt == null && db.Users.Any(u => u.Id == n.RecipientUserId && u.Email == email), Cancel));
}
