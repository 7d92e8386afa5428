using LicensingPortal.FunctionalTests.Customers;
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

        Assert.InRange(factory.Counter.Count, 1, most);
    }

    [Fact]
    public async Task The_bell_and_the_approvals_badge_cost_one_sql_command_together_R20()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        await client.GetPageAsync("/help/roles");

        factory.Counter.Reset();
        var page = await client.GetPageAsync("/help/roles");

        Assert.NotNull(page.QuerySelector("[data-testid=bell]"));
        Assert.Equal(1, factory.Counter.Count);
    }

    [Fact]
    public async Task A_customers_licenses_tab_does_not_query_per_license()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var evergreen = await Demo.CustomerAsync(factory, "Evergreen Clinic");
        await client.GetPageAsync($"/customers/{evergreen}");

        factory.Counter.Reset();
        await client.GetPageAsync($"/customers/{evergreen}");

        Assert.InRange(factory.Counter.Count, 1, 4);
    }
}
