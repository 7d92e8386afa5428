using System.Net;
using System.Net.Http.Json;
using LicensingPortal.FunctionalTests.Api;
using LicensingPortal.FunctionalTests.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Performance;

public sealed class CountingPortalFactory : PortalFactory
{
    public SqlCommandCounter Counter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Counter));
    }
}

/// <summary>Guards, not timings: the list pages send a fixed, small number of SQL commands, whatever the page size.</summary>
public sealed class QueryCountTests(CountingPortalFactory factory) : IClassFixture<CountingPortalFactory>
{
    [Theory]
    [InlineData("/customers", 3)]
    [InlineData("/customers?status=Expired&sort=Created&desc=true", 3)]
    [InlineData("/reports/transactions", 3)]
    [InlineData("/reports/expiring?days=90&expired=true", 3)]
    [InlineData("/audit", 3)]
    [InlineData("/notifications", 3)]
    public async Task A_list_page_sends_at_most_three_sql_commands(string url, int most)
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        await client.GetPageAsync(url);

        factory.Counter.Reset();
        await client.GetPageAsync(url);

        Assert.InRange(factory.Counter.PageCount, 1, most);
        Assert.Equal(factory.Counter.PageCount + 1, factory.Counter.Count);
    }

    [Theory]
    [InlineData("Name", "\"NormalizedName\" >= ")]
    [InlineData("Created", "\"CreatedAt\" >= ")]
    public async Task The_next_page_of_customers_bounds_its_sort_column_so_the_index_seeks_instead_of_scanning(string sort, string bound)
    {
        // (a > k OR (a = k AND id > i)) alone is no index bound for PostgreSQL: it would read the index from its start on
        // every page (docs/performance.md). The plain bound before it makes the scan start at the cursor.
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var first = await client.GetPageAsync($"/customers?sort={sort}");
        var next = first.QuerySelector("a[rel=next]")?.GetAttribute("href") ?? throw new InvalidOperationException("No next page link.");

        factory.Counter.Reset();
        await client.GetPageAsync(next);

        Assert.Contains(factory.Counter.Texts, sql => sql.Contains(bound, StringComparison.Ordinal) && sql.Contains("FROM \"Customers\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bell_and_the_approvals_badge_cost_one_sql_command_together_R20()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        await client.GetPageAsync("/help/roles");

        factory.Counter.Reset();
        var page = await client.GetPageAsync("/help/roles");

        Assert.NotNull(page.QuerySelector("[data-testid=bell]"));
        Assert.Equal(1, factory.Counter.PageCount);
    }

    [Fact]
    public async Task The_sign_in_policy_is_read_once_a_minute_per_company_not_on_every_page_R26()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        await client.GetPageAsync("/help/roles");

        factory.Counter.Reset();
        await client.GetPageAsync("/help/roles");
        Assert.DoesNotContain(factory.Counter.Texts, sql => sql.Contains("\"SignInPolicies\"", StringComparison.Ordinal));

        factory.Clock.Advance(Application.SignInPolicies.SignInPolicyLookup.Lifetime);
        factory.Counter.Reset();
        await client.GetPageAsync("/help/roles");
        Assert.Single(factory.Counter.Texts, sql => sql.Contains("\"SignInPolicies\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_customers_licenses_tab_does_not_query_per_license()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var evergreen = await Demo.CustomerAsync(factory, "Evergreen Clinic");
        await client.GetPageAsync($"/customers/{evergreen}");

        factory.Counter.Reset();
        await client.GetPageAsync($"/customers/{evergreen}");

        // The customer, its licenses, the plans it may be given, their pools (R12 before the click), the bell.
        Assert.InRange(factory.Counter.PageCount, 1, 5);
    }

    [Theory]
    [InlineData(DemoStatements.Fabrikam, DemoAccounts.ResellerAdmin, 2024)]
    [InlineData(DemoStatements.Contoso, DemoAccounts.MspAdmin, 2023)] // an MSP: its resale prices, and the lines alike in them, too
    public async Task A_statement_page_sends_as_many_sql_commands_for_250_customers_as_for_3_R24(string company, string account, int year)
    {
        // The page reads its hundred customers' lines and sums the rest in the database (docs/performance.md): the
        // commands are the same whatever the statement's size, and none is sent per customer or per line.
        var small = await Statements.MadeUpAsync(factory, company, new DateOnly(year, 3, 1), lines: 3, customerName: i => $"Small {i}");
        var large = await Statements.MadeUpAsync(factory, company, new DateOnly(year, 5, 1), lines: 250, customerName: i => $"Large {i:000}");
        var client = await PortalClient.SignedInAsync(factory, account);
        var counts = new List<int>();
        foreach (var url in new[] { $"/billing/statements/{small.Id}", $"/billing/statements/{large.Id}", $"/billing/statements/{large.Id}?page=3" })
        {
            await client.GetPageAsync(url);
            factory.Counter.Reset();
            var page = await client.GetPageAsync(url);
            Assert.NotNull(page.QuerySelector("#statement-total"));
            counts.Add(factory.Counter.PageCount);
        }

        Assert.Equal([counts[0], counts[0], counts[0]], counts);
        Assert.InRange(counts[0], 1, 10);
    }

    [Fact]
    public async Task An_api_key_and_its_company_are_read_in_one_sql_command_and_a_replayed_Idempotency_Key_in_one_more_R21()
    {
        var client = ApiKeys.Client(factory, await ApiKeys.CreateAsync(factory, ApiKeys.Contoso));
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Create() => new(HttpMethod.Post, "/api/v1/customers")
        {
            Content = JsonContent.Create(new { name = "Counted Queries Ltd", country = "US" }),
            Headers = { { "Idempotency-Key", key } },
        };
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Create(), TestContext.Current.CancellationToken)).StatusCode);

        factory.Counter.Reset();
        var list = await client.GetAsync("/api/v1/service-plans", TestContext.Current.CancellationToken);
        var keyReads = factory.Counter.Texts.Count(sql => sql.Contains("FROM \"ApiKeys\"", StringComparison.Ordinal));
        factory.Counter.Reset();
        var replayed = await client.SendAsync(Create(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(1, keyReads);
        Assert.True(replayed.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, factory.Counter.Count); // the key with its company (its use was recorded by the first request), then the earlier answer
    }
}
