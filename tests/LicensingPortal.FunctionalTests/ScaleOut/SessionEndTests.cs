using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.ScaleOut;

/// <summary>
/// ASVS 7.4 across two nodes on one database: the provider disables an account on node A; the session that
/// account has open on node B ends at its very next request, and nothing it posts is saved.
/// </summary>
public sealed class SessionEndTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private NodeFactory _nodeA = null!;
    private NodeFactory _nodeB = null!;

    public async ValueTask InitializeAsync()
    {
        _database = TestDatabase.Sqlite();
        _nodeA = new NodeFactory(_database.Settings, prepareDatabase: true, clock: new TestClock());
        _ = _nodeA.Server;
        _nodeB = new NodeFactory(_database.Settings, prepareDatabase: false, clock: new TestClock());
        _ = _nodeB.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("reset-two-factor")]
    [InlineData("roles")]
    public async Task A_disabled_or_changed_account_is_signed_out_on_every_node_at_its_next_request(string change)
    {
        var staff = await SignInAsync(_nodeB, DemoAccounts.MspStaff);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/customers")).StatusCode);
        var newCustomer = await staff.GetPageAsync("/customers/new");

        var admin = await SignInAsync(_nodeA, DemoAccounts.ProviderAdmin);
        await using (var db = _database.CreateContext())
        {
            var account = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.MspStaff);
            var url = $"/partners/{account.CompanyId}/accounts/{account.Id}/{change}";
            var fields = change == "roles" ? new Dictionary<string, string> { ["roles"] = LicensingPortal.Application.Security.Roles.SupportEngineer } : [];
            var done = await admin.PostFormAsync($"/partners/{account.CompanyId}?tab=accounts", url, fields);
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        var created = await staff.PostAsync("/customers/new", new() { ["Name"] = $"After {change}", ["Country"] = "US" }, PortalClient.AntiforgeryToken(newCustomer));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/account/sign-in", created.Headers.Location?.AbsolutePath);
        await using var check = _database.CreateContext();
        Assert.False(await check.Customers.AnyAsync(c => c.Name == $"After {change}"));
    }

    private static async Task<PortalClient> SignInAsync(NodeFactory node, string email)
    {
        var client = new PortalClient(node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = email, ["Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
