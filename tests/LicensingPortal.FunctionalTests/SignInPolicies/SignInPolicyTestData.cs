using System.Net;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.Partners;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.SignInPolicies;

/// <summary>A partner of the test's own with its own accounts, so a policy a test sets touches no other test's users (R26).</summary>
internal static class SignInPolicyTestData
{
    public static async Task<Company> NewPartnerAsync(this PortalFactory factory) =>
        await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active);

    /// <summary>A customer of <paramref name="partner"/>, for its customer users (R25 follow their partner's policy).</summary>
    public static async Task<Guid> NewCustomerOfAsync(this PortalFactory factory, Company partner)
    {
        await using var db = factory.CreateDbContext();
        var owner = await db.Companies.SingleAsync(c => c.Id == partner.Id);
        var customer = Customer.Create(owner, $"R26 Customer {Guid.NewGuid():N}"[..30], null, "US", factory.Clock.GetUtcNow());
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    /// <summary>An account of <paramref name="company"/> with the demo password; returns its email.</summary>
    public static async Task<string> NewAccountAsync(this PortalFactory factory, Company company, string role = Roles.Administrator)
    {
        var email = $"{role.Replace(' ', '-').ToLowerInvariant()}.{Guid.NewGuid():N}@policy.example";
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = $"{role} of {company.Name}",
            CompanyId = company.Id,
            CreatedAt = factory.Clock.GetUtcNow(),
        };
        Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    /// <summary>Turns two-factor on for the account, as its set-up page would; returns the authenticator key.</summary>
    public static async Task<string> TurnOnTwoFactorAsync(this PortalFactory factory, string email)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>Saves <paramref name="companyId"/>'s policy through its page, as <paramref name="client"/> (the page's own form and token).</summary>
    public static async Task<HttpResponseMessage> SavePolicyAsync(
        this PortalClient client, Guid companyId, string twoFactor = "Nobody", int idleMinutes = 30, int lifetimeHours = 12, bool sso = false, Guid? breakGlass = null)
    {
        var page = await client.GetPageAsync($"/companies/{companyId}/sign-in-policy");
        var fields = new Dictionary<string, string>
        {
            ["Input.TwoFactor"] = twoFactor,
            ["Input.IdleTimeoutMinutes"] = idleMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SessionLifetimeHours"] = lifetimeHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SsoRequired"] = sso ? "true" : "false",
            ["Input.BreakGlassAdministratorId"] = breakGlass?.ToString() ?? string.Empty,
        };
        return await client.SubmitAsync(page, "#policy-form", fields);
    }

    public static void AssertRedirectsTo(this HttpResponseMessage response, string path)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect to {path}, got {(int)response.StatusCode}.");
        var location = response.Headers.Location!;
        Assert.Equal(path, location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
    }
}
