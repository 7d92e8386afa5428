using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.CustomerAccounts;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.Partners;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using LicensingPortal.Web.Controllers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Branding;

/// <summary>
/// R25 through HTTP: a company's administrators set its brand on the Branding page; a colour white text is hard to read
/// on, or an SVG that runs a script, is refused with the sentence and nothing is saved, however the POST was made;
/// another company's brand is not found; the logo is served with its own type, nosniff, a policy for SVG and a version
/// cache; the sign-in page of a brand's host name shows the brand. Each test brands a company of its own.
/// </summary>
public sealed class BrandingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partner_administrator_saves_the_brand_with_a_logo_and_the_logo_is_served_safely_by_version_R25()
    {
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var page = await msp.GetPageAsync($"/companies/{contoso.Id}/branding");
        Assert.Equal(HttpStatusCode.Redirect, (await msp.GetAsync("/branding")).StatusCode);

        var png = TestImages.Png(120, 40);
        var saved = await PostBrandAsync(msp, page, contoso.Id, "Contoso IT", "#1A5276", null, ("logo.png", "image/png", png));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await msp.GetPageAsync($"/companies/{contoso.Id}/branding");
        Assert.Contains("The brand and its new logo were saved.", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("#1a5276", (page.QuerySelector("#Input_Colour") as IHtmlInputElement)!.Value);

        var version = await factory.QueryAsync(db => db.CompanyBrands.Where(b => b.CompanyId == contoso.Id).Select(b => b.Version).SingleAsync(Cancel));
        var anonymous = PortalClient.Anonymous(factory);
        var logo = await anonymous.GetAsync($"/brand/{contoso.Id}/logo?v={version}");
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/png", logo.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await logo.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal("nosniff", logo.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("public, max-age=31536000, immutable", logo.Headers.CacheControl!.ToString());
        var etag = logo.Headers.ETag!;

        // Without the version, or with an old one, it is revalidated by its ETag.
        var unversioned = await anonymous.GetAsync($"/brand/{contoso.Id}/logo");
        Assert.True(unversioned.Headers.CacheControl!.NoCache);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/brand/{contoso.Id}/logo");
        request.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.Http.SendAsync(request, Cancel)).StatusCode);

        // A company without a logo, and no company at all, have none.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/brand/{Guid.NewGuid()}/logo")).StatusCode);
    }

    [Fact]
    public async Task An_SVG_logo_is_served_with_a_policy_that_lets_nothing_run_and_can_be_removed_R25()
    {
        var fabrikam = await factory.PartnerAsync(PartnerTestData.ActiveReseller);
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var page = await reseller.GetPageAsync($"/companies/{fabrikam.Id}/branding");
        Assert.Equal(HttpStatusCode.Redirect, (await PostBrandAsync(reseller, page, fabrikam.Id, "Fabrikam", "#14532d", null, ("logo.svg", "image/svg+xml", TestImages.Svg(TestImages.PlainSvg)))).StatusCode);

        var logo = await PortalClient.Anonymous(factory).GetAsync($"/brand/{fabrikam.Id}/logo");
        Assert.Equal("image/svg+xml", logo.Content.Headers.ContentType!.MediaType);
        Assert.Equal(BrandLogoController.SvgContentSecurityPolicy, logo.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", logo.Headers.GetValues("X-Content-Type-Options").Single());

        page = await reseller.GetPageAsync($"/companies/{fabrikam.Id}/branding");
        var removed = await reseller.SubmitAsync(page, $"form[action='/companies/{fabrikam.Id}/branding/remove-logo']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PortalClient.Anonymous(factory).GetAsync($"/brand/{fabrikam.Id}/logo")).StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.CompanyId == fabrikam.Id && a.Action == "BrandLogoRemoved", Cancel)));
    }

    [Theory]
    [InlineData("#8fbcd4", null, "Input.Colour", "#8fbcd4 has a contrast of 2.04:1 with white text; at least 4.5:1 is needed.")]
    [InlineData("#777777", null, "Input.Colour", "#777777 has a contrast of 4.48:1 with white text; at least 4.5:1 is needed.")]
    [InlineData("#1a5276", TestImages.ScriptedSvg, "Input.Logo", "The SVG logo holds a script element; a logo may not run scripts.")]
    [InlineData("#1a5276", """<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>""", "Input.Logo", "The SVG logo has an event-handler attribute (onload on <svg>)")]
    public async Task A_crafted_post_with_a_colour_white_text_is_hard_to_read_on_or_a_scripted_SVG_is_refused_with_the_sentence_R25(string colour, string? svg, string field, string sentence)
    {
        var partner = await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active);
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var page = await provider.GetPageAsync($"/companies/{partner.Id}/branding");

        var refused = await PostBrandAsync(provider, page, partner.Id, "Matrix", colour, null, svg is null ? null : ("logo.svg", "image/svg+xml", TestImages.Svg(svg)));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync(Cancel));
        var message = field == "Input.Logo" ? html.QuerySelector("#logo-error") : html.QuerySelector($"[data-valmsg-for='{field}']");
        Assert.StartsWith(sentence, message!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("R25", html.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // What was typed stays on the form; nothing was saved.
        Assert.Equal("Matrix", (html.QuerySelector("#Input_DisplayName") as IHtmlInputElement)!.Value);
        Assert.False(await factory.QueryAsync(db => db.CompanyBrands.AnyAsync(b => b.CompanyId == partner.Id, Cancel)));
    }

    [Fact]
    public async Task A_partner_cannot_see_or_change_another_companys_brand_but_the_provider_its_partners_R25()
    {
        var fabrikam = await factory.PartnerAsync(PartnerTestData.ActiveReseller);
        var other = await factory.NewPartnerAsync(CompanyType.Reseller, PartnerStatus.Active);
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var own = await msp.GetPageAsync($"/companies/{contoso.Id}/branding");
        var token = PortalClient.AntiforgeryToken(own);

        foreach (var id in new[] { fabrikam.Id, other.Id, Guid.NewGuid() })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/companies/{id}/branding")).StatusCode);
            var post = await msp.PostAsync($"/companies/{id}/branding", new() { ["Input.DisplayName"] = "Hijacked", ["Input.Colour"] = "#000000", ["Input.Version"] = "0" }, token);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await msp.PostAsync($"/companies/{id}/branding/remove-logo", new() { ["version"] = "0" }, token)).StatusCode);
        }

        Assert.False(await factory.QueryAsync(db => db.CompanyBrands.AnyAsync(b => b.DisplayName == "Hijacked", Cancel)));

        // Staff without the permission have no Branding page at all.
        var staff = await PortalClient.SignedInAsync(factory, DemoAccounts.MspStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/companies/{contoso.Id}/branding")).StatusCode);

        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var page = await provider.GetPageAsync($"/companies/{other.Id}/branding");
        Assert.Equal(HttpStatusCode.Redirect, (await PostBrandAsync(provider, page, other.Id, "Set by the provider", "#1a5276", null, null)).StatusCode);
        Assert.True(await factory.QueryAsync(db => db.CompanyBrands.AnyAsync(b => b.CompanyId == other.Id && b.DisplayName == "Set by the provider", Cancel)));
    }

    [Fact]
    public async Task The_sign_in_page_of_a_brands_host_name_shows_the_brand_and_no_other_host_does_R25()
    {
        var partner = await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active);
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var page = await provider.GetPageAsync($"/companies/{partner.Id}/branding");
        var host = $"portal-{partner.Id:N}.msp.example";
        Assert.Equal(HttpStatusCode.Redirect, (await PostBrandAsync(provider, page, partner.Id, "Matrix Managed IT", "#4a235a", host.ToUpperInvariant(), ("logo.png", "image/png", TestImages.Png(64, 64)))).StatusCode);

        var branded = new PortalClient(factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}/"), AllowAutoRedirect = false }));
        var signIn = await branded.GetPageAsync("/account/sign-in");
        Assert.Equal("Sign in to Matrix Managed IT", signIn.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Matrix Managed IT", signIn.QuerySelector("[data-testid=portal-name]")!.TextContent.Trim());
        Assert.StartsWith($"/brand/{partner.Id}/logo?v=", signIn.QuerySelector("[data-testid=brand-logo]")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Contains("--brand-colour: #4a235a", signIn.Head!.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("branded", signIn.Body!.ClassName);

        var plain = await PortalClient.Anonymous(factory).GetPageAsync("/account/sign-in");
        Assert.Equal("Sign in to the Licensing Portal", plain.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(plain.QuerySelector("[data-testid=brand-logo]"));

        // A partner's own staff are not branded: the brand is what its customers see.
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        Assert.Null((await msp.GetPageAsync("/")).QuerySelector("body.branded"));
    }

    [Fact]
    public async Task A_host_name_another_company_uses_is_refused_on_the_form_R25()
    {
        var first = await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active);
        var second = await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active);
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var host = $"shared-{first.Id:N}.example";
        Assert.Equal(HttpStatusCode.Redirect, (await PostBrandAsync(provider, await provider.GetPageAsync($"/companies/{first.Id}/branding"), first.Id, "First", "#1a5276", host, null)).StatusCode);

        var refused = await PostBrandAsync(provider, await provider.GetPageAsync($"/companies/{second.Id}/branding"), second.Id, "Second", "#1a5276", host, null);
        var html = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Equal($"{host} is already the host name of another company; each host name shows one brand.", html.QuerySelector("[data-valmsg-for='Input.HostName']")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_customers_user_sees_its_partners_logo_name_and_colour_on_every_page_R25()
    {
        var customer = await factory.NewCustomerOfPartnerInAsync(PartnerStatus.Active);
        var other = await factory.NewCustomerOfPartnerInAsync(PartnerStatus.Active);
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var page = await provider.GetPageAsync($"/companies/{customer.OwnerId}/branding");
        Assert.Equal(HttpStatusCode.Redirect, (await PostBrandAsync(provider, page, customer.OwnerId, "Blue Yonder IT", "#0b3d91", null, ("logo.png", "image/png", TestImages.Png(48, 48)))).StatusCode);

        var user = await PortalClient.SignedInAsCustomerUserAsync(factory, customer.Id);
        var account = await user.GetPageAsync("/account/two-factor");
        Assert.Equal("branded", account.Body!.ClassName);
        Assert.Equal(customer.OwnerId.ToString(), account.Body.GetAttribute("data-brand"));
        Assert.Equal("Blue Yonder IT", account.QuerySelector("[data-testid=portal-name]")!.TextContent.Trim());
        Assert.Contains("--brand-colour: #0b3d91", account.Head!.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
        Assert.EndsWith("Blue Yonder IT", account.Title, StringComparison.Ordinal);
        var logo = account.QuerySelector("[data-testid=brand-logo]")!.GetAttribute("src")!;
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(logo)).StatusCode);

        // Another partner's customer never sees this brand.
        var stranger = await PortalClient.SignedInAsCustomerUserAsync(factory, other.Id);
        Assert.NotEqual(customer.OwnerId.ToString(), (await stranger.GetPageAsync("/account/two-factor")).Body!.GetAttribute("data-brand"));
    }

    /// <summary>The Branding form as a browser posts it (multipart, with the page's token), or as a script crafts it.</summary>
    private static Task<HttpResponseMessage> PostBrandAsync(
        PortalClient client, IHtmlDocument page, Guid companyId, string name, string colour, string? host, (string Name, string Type, byte[] Content)? logo)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(PortalClient.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(name), "Input.DisplayName" },
            { new StringContent(colour), "Input.Colour" },
            { new StringContent(host ?? string.Empty), "Input.HostName" },
            { new StringContent((page.QuerySelector("#Input_Version") as IHtmlInputElement)?.Value ?? "0"), "Input.Version" },
        };
        if (logo is { } file)
        {
            var content = new ByteArrayContent(file.Content);
            content.Headers.ContentType = new MediaTypeHeaderValue(file.Type);
            form.Add(content, "logo", file.Name);
        }

        return client.Http.PostAsync($"/companies/{companyId}/branding", form);
    }
}
