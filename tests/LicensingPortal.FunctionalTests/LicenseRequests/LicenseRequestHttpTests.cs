using System.Net;
using System.Net.Http.Json;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.FunctionalTests.Api;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.LicenseRequests;

/// <summary>
/// R25 through HTTP: a customer user asks on /my/licenses/{id}/requests/new, the MSP decides on Customers › Requests or
/// the API. Each test uses its own demo customer (the class shares one app and database).
/// </summary>
public sealed class LicenseRequestHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_request_refused_at_approval_because_the_pool_is_empty_shows_the_sentence_to_the_partner_and_the_customer_R25_R12()
    {
        var (customerId, licenseId) = await LicenseOfAsync("Ironwood Accounting");
        var customer = await PortalClient.SignedInAsCustomerUserAsync(factory, customerId);
        var asked = await AskAsync(customer, licenseId, "999999");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var requestId = await factory.QueryAsync(db => db.LicenseRequests.Where(r => r.LicenseId == licenseId).Select(r => r.Id).SingleAsync());

        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var queue = await msp.GetPageAsync("/customers/requests");
        Assert.NotNull(queue.QuerySelector($"[data-request='{requestId}']"));
        var version = await factory.QueryAsync(db => db.LicenseRequests.Where(r => r.Id == requestId).Select(r => r.Version).SingleAsync());
        var approve = await msp.PostFormAsync("/customers/requests", $"/customers/requests/{requestId}/approve", new()
        {
            ["Approve.ApplyMode"] = "Now",
            ["Approve.PendingValues"] = "Ask",
            ["Approve.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, approve.StatusCode);
        var page = await PortalClient.ParseAsync(await approve.Content.ReadAsStringAsync());
        var sentence = page.QuerySelector("[data-testid=request-error]")!.TextContent;
        Assert.Contains("license pool", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("R12", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.Id == licenseId).Select(l => l.Units).SingleAsync()));

        var mine = await customer.GetPageAsync("/my/requests");
        var row = mine.QuerySelector($"[data-request='{requestId}']")!;
        Assert.Equal("Open", row.QuerySelector("[data-testid=request-state]")!.TextContent);
        Assert.Contains(sentence.Trim(), row.QuerySelector("[data-testid=request-refusal]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_the_same_request_twice_applies_it_once_and_the_second_is_a_conflict_R25_R19()
    {
        var (customerId, licenseId) = await LicenseOfAsync("Lakeside Veterinary");
        var before = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.Id == licenseId).Select(l => l.Units).SingleAsync());
        var customer = await PortalClient.SignedInAsCustomerUserAsync(factory, customerId);
        Assert.Equal(HttpStatusCode.Redirect, (await AskAsync(customer, licenseId, (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))).StatusCode);
        var request = await factory.QueryAsync(db => db.LicenseRequests.Where(r => r.LicenseId == licenseId).Select(r => new { r.Id, r.Version }).SingleAsync());
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var form = new Dictionary<string, string>
        {
            ["Approve.ApplyMode"] = "Now",
            ["Approve.PendingValues"] = "Ask",
            ["Approve.Version"] = request.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var first = await msp.PostFormAsync("/customers/requests", $"/customers/requests/{request.Id}/approve", form);
        var second = await msp.PostFormAsync("/customers/requests", $"/customers/requests/{request.Id}/approve", form);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("This request was approved by", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.Id == licenseId).Select(l => l.Units).SingleAsync()));
        Assert.Equal(LicenseRequestState.Approved, await factory.QueryAsync(db => db.LicenseRequests.Where(r => r.Id == request.Id).Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public async Task A_crafted_request_on_an_End_of_Life_license_is_refused_with_the_sentence_R25_R4()
    {
        var (customerId, licenseId) = await LicenseOfAsync("Blue Harbor Logistics");
        var customer = await PortalClient.SignedInAsCustomerUserAsync(factory, customerId);

        var form = await customer.GetPageAsync($"/my/licenses/{licenseId}/requests/new");
        var crafted = await customer.PostAsync($"/my/licenses/{licenseId}/requests/new", new()
        {
            ["Input.Kind"] = "Units",
            ["Input.Units"] = "20",
            ["Input.Comment"] = "More seats.",
        }, PortalClient.AntiforgeryToken(form));

        Assert.Contains("End of Life", form.QuerySelector("[data-testid=request-refusal]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, crafted.StatusCode);
        Assert.Contains("End of Life", await crafted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.LicenseRequests.AnyAsync(r => r.LicenseId == licenseId)));
    }

    [Fact]
    public async Task A_customer_cannot_ask_on_another_customers_license_R25_R1()
    {
        var (customerId, _) = await LicenseOfAsync("Juniper Schools");
        var (_, foreignLicense) = await LicenseOfAsync("Kestrel Engineering");
        var customer = await PortalClient.SignedInAsCustomerUserAsync(factory, customerId);
        var token = PortalClient.AntiforgeryToken(await customer.GetPageAsync("/my/requests"));

        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/my/licenses/{foreignLicense}/requests/new")).StatusCode);
        var crafted = await customer.PostAsync($"/my/licenses/{foreignLicense}/requests/new", new()
        {
            ["Input.Kind"] = "Units",
            ["Input.Units"] = "20",
            ["Input.Comment"] = "Not mine.",
        }, token);
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.LicenseRequests.AnyAsync(r => r.LicenseId == foreignLicense)));
    }

    [Fact]
    public async Task A_partner_cannot_see_or_decide_another_partners_requests_R25_R1()
    {
        var seeded = await factory.QueryAsync(db => db.LicenseRequests.Where(r => r.Summary.StartsWith("Units per license: 20")).Select(r => new { r.Id, r.Version }).FirstAsync());
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);

        var queue = await reseller.GetPageAsync("/customers/requests");
        var approve = await reseller.PostFormAsync("/customers/requests", $"/customers/requests/{seeded.Id}/approve", new()
        {
            ["Approve.ApplyMode"] = "Now",
            ["Approve.Version"] = seeded.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var decline = await reseller.PostFormAsync("/customers/requests", $"/customers/requests/{seeded.Id}/decline", new()
        {
            ["reason"] = "No.",
            ["version"] = seeded.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Null(queue.QuerySelector($"[data-request='{seeded.Id}']"));
        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, decline.StatusCode);
        var api = await ApiKeys.ClientAsync(factory, "Fabrikam Resellers");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/license-requests/{seeded.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(LicenseRequestState.Open, await factory.QueryAsync(db => db.LicenseRequests.Where(r => r.Id == seeded.Id).Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public async Task The_API_lists_the_queue_and_an_approval_refused_by_a_rule_is_problem_details_with_its_code_R25_R21()
    {
        var (customerId, licenseId) = await LicenseOfAsync("Maple Street Pharmacy");
        var customer = await PortalClient.SignedInAsCustomerUserAsync(factory, customerId);
        Assert.Equal(HttpStatusCode.Redirect, (await AskAsync(customer, licenseId, "999999")).StatusCode);
        var requestId = await factory.QueryAsync(db => db.LicenseRequests.Where(r => r.LicenseId == licenseId).Select(r => r.Id).SingleAsync());
        var api = await ApiKeys.ClientAsync(factory, "Contoso Managed Services");

        var list = await (await api.GetAsync("/api/v1/license-requests?state=Open", TestContext.Current.CancellationToken)).JsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == requestId);
        var get = await api.GetAsync($"/api/v1/license-requests/{requestId}", TestContext.Current.CancellationToken);
        var noIfMatch = await api.PostAsJsonAsync($"/api/v1/license-requests/{requestId}/approve", new { applyMode = "Now" }, TestContext.Current.CancellationToken);
        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/license-requests/{requestId}/approve") { Content = JsonContent.Create(new { applyMode = "Now" }) };
        approve.Headers.TryAddWithoutValidation("If-Match", get.Headers.ETag!.Tag);
        var refused = await api.SendAsync(approve, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("R12", await refused.RuleCodeAsync());
        var after = await (await api.GetAsync($"/api/v1/license-requests/{requestId}", TestContext.Current.CancellationToken)).JsonAsync();
        Assert.Equal(("Open", "R12"), (after.GetProperty("state").GetString(), after.GetProperty("refusalCode").GetString()));
    }

    private static Task<HttpResponseMessage> AskAsync(PortalClient customer, Guid licenseId, string units) =>
        customer.PostFormAsync($"/my/licenses/{licenseId}/requests/new", $"/my/licenses/{licenseId}/requests/new", new()
        {
            ["Input.Kind"] = "Units",
            ["Input.Units"] = units,
            ["Input.Comment"] = "We are growing.",
        });

    private async Task<(Guid CustomerId, Guid LicenseId)> LicenseOfAsync(string customer)
    {
        var license = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.Customer.Name == customer).Select(l => new { l.CustomerId, l.Id }).FirstAsync());
        return (license.CustomerId, license.Id);
    }
}
