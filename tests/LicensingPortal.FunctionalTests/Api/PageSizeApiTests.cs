using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LicensingPortal.Application.Customers;
using LicensingPortal.Application.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>The paged API lists take an optional <c>pageSize</c> (1 to 200; the page's own size when left out).</summary>
public sealed class PageSizeApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<List<Guid>> WalkCustomersAsync(HttpClient client, int pageSize)
    {
        var ids = new List<Guid>();
        string? after = null;
        do
        {
            var page = await (await client.GetAsync($"/api/v1/customers?pageSize={pageSize}&after={Uri.EscapeDataString(after ?? string.Empty)}", Cancel)).JsonAsync();
            var items = page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
            Assert.InRange(items.Count, 1, pageSize);
            ids.AddRange(items);
            after = page.GetProperty("nextCursor").GetString();
        }
        while (after is not null);

        return ids;
    }

    [Fact]
    public async Task Customers_come_in_pages_of_the_size_asked_and_the_cursor_walks_them_all_once_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);

        var bySeven = await WalkCustomersAsync(client, 7);
        var byTheMost = await WalkCustomersAsync(client, 200);
        var byDefault = await (await client.GetAsync("/api/v1/customers", Cancel)).JsonAsync();

        Assert.True(bySeven.Count > 7, "more than one page of seven");
        Assert.Equal(byTheMost, bySeven);
        Assert.Equal(bySeven.Count, bySeven.Distinct().Count());
        Assert.Equal(Math.Min(ListCustomers.PageSize, bySeven.Count), byDefault.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Partners_and_webhook_deliveries_count_their_pages_by_the_size_asked_R21()
    {
        var provider = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var msp = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);

        var byDefault = await (await provider.GetAsync("/api/v1/partners", Cancel)).JsonAsync();
        var first = await (await provider.GetAsync("/api/v1/partners?pageSize=1", Cancel)).JsonAsync();
        var second = await (await provider.GetAsync("/api/v1/partners?pageSize=1&page=2", Cancel)).JsonAsync();

        var total = byDefault.GetProperty("total").GetInt32();
        Assert.True(total is > 1 and <= ListPartners.PageSize, $"{total} partners");
        Assert.Equal(1, byDefault.GetProperty("pageCount").GetInt32());
        Assert.Equal(total, first.GetProperty("pageCount").GetInt32());
        Assert.Equal(1, first.GetProperty("items").GetArrayLength());
        Assert.Equal(byDefault.GetProperty("items")[1].GetProperty("id").GetGuid(), second.GetProperty("items")[0].GetProperty("id").GetGuid());

        var endpoint = await (await msp.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.contoso.example/paged", events = new[] { "license.changed" } }, Cancel)).JsonAsync();
        var url = $"/api/v1/webhooks/{endpoint.GetProperty("endpoint").GetProperty("id").GetGuid()}";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await msp.PostAsync(url + "/ping", null, Cancel)).StatusCode);
        }

        var log = await (await msp.GetAsync(url + "/deliveries?pageSize=2&page=2", Cancel)).JsonAsync();
        Assert.Equal(3, log.GetProperty("total").GetInt32());
        Assert.Equal(2, log.GetProperty("pageCount").GetInt32());
        Assert.Equal(1, log.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Transactions_come_in_pages_of_the_size_asked_newest_first_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);

        var first = await (await client.GetAsync("/api/v1/transactions?pageSize=2", Cancel)).JsonAsync();
        var before = first.GetProperty("nextBefore").GetString()!;
        var next = await (await client.GetAsync($"/api/v1/transactions?pageSize=2&before={Uri.EscapeDataString(before)}", Cancel)).JsonAsync();

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(first.GetProperty("items")[1].GetProperty("at").GetDateTimeOffset(), DateTimeOffset.Parse(before, System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(next.GetProperty("items").EnumerateArray(), t => Assert.True(t.GetProperty("at").GetDateTimeOffset() < DateTimeOffset.Parse(before, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("/api/v1/customers", "0")]
    [InlineData("/api/v1/customers", "201")]
    [InlineData("/api/v1/partners", "-1")]
    [InlineData("/api/v1/transactions", "1000000")]
    [InlineData("/api/v1/transactions", "ten")]
    public async Task A_page_size_outside_1_to_200_is_refused_with_400_naming_it_R18(string list, string pageSize)
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);

        var response = await client.GetAsync($"{list}?pageSize={pageSize}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal("R18", problem.GetProperty("ruleCode").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal(["pageSize"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(JsonValueKind.Array, errors.GetProperty("pageSize").ValueKind);
    }
}
