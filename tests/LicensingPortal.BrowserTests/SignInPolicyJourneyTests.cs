using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>
/// R26 in a browser: a partner's administrator reads where each setting of the sign-in policy comes from, requires
/// two-factor for administrators, and is taken to set it up at the next page. A partner of its own, so no other
/// journey's users are asked for two-factor.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInPolicyJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task A_partner_requires_two_factor_and_its_administrator_is_taken_to_set_it_up_R26()
    {
        var email = await NewPartnerAdministratorAsync();
        var page = await portal.SignedInPageAsync(email);

        await page.GotoAsync("/sign-in-policy");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign-in policy");
        await Assertions.Expect(page.Locator("[data-setting=idle-timeout]")).ToContainTextAsync("set by Northwind Distribution");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserPortal.ScreenshotAsync(page, "sign-in-policy");

        await page.GetByLabel("Required for administrators").CheckAsync();
        await page.GetByLabel("Idle timeout (minutes)").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save sign-in policy" }).ClickAsync();

        // The save applies at once, to the one who saved it too: the next page is the two-factor set-up.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/two-factor\\?required=true$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Two-factor sign-in");
        await page.GotoAsync("/customers");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/two-factor\\?required=true$"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // On a phone the policy page reads in one column.
        var phone = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin, width: 390);
        await phone.GotoAsync("/sign-in-policy");
        await Assertions.Expect(phone.Locator("[data-setting=two-factor]")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The sign-in policy page scrolls sideways on a phone.");
        await Accessibility.AssertNoSeriousViolationsAsync(phone);
        await page.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    private async Task<string> NewPartnerAdministratorAsync()
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = portal.Clock.GetUtcNow();
        var provider = await db.Companies.SingleAsync(c => c.Type == CompanyType.Provider && c.Name == "Northwind Distribution");
        var partner = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile($"Policy MSP {Guid.NewGuid():N}"[..30], "Pat", "pat@policy.example", null, null, "US", "EU"), now);
        db.Companies.Add(partner);
        await db.SaveChangesAsync();

        var email = $"admin.{Guid.NewGuid():N}@policy.example";
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Pat Policy", CompanyId = partner.Id, CreatedAt = now };
        Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Application.Security.Roles.Administrator)).Succeeded);
        return email;
    }
}
