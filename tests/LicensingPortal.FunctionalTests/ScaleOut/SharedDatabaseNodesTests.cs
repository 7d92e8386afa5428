using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LicensingPortal.FunctionalTests.ScaleOut;

/// <summary>
/// Two web servers on one PostgreSQL database: a sign-in on node A is honoured by node B, and a form
/// loaded from A can be posted to B (cookie and antiforgery keys live in the database).
/// </summary>
public sealed class SharedDatabaseNodesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private NodeFactory _nodeA = null!;
    private NodeFactory _nodeB = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.PostgreSqlAsync();
        _nodeA = new NodeFactory(_database.Settings, prepareDatabase: true);
        _ = _nodeA.Server;
        _nodeB = new NodeFactory(_database.Settings, prepareDatabase: false);
        _ = _nodeB.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_cookie_issued_by_node_A_signs_the_user_in_on_node_B()
    {
        var a = _nodeA.Client();
        var signInPage = await a.GetAsync("/account/sign-in");
        var antiforgeryCookie = CookiePair(signInPage, "LicensingPortal-AF");
        var token = PortalClient.AntiforgeryToken(await PortalClient.ParseAsync(await signInPage.Content.ReadAsStringAsync()));

        // The sign-in form loaded from A is posted to B: B must accept A's antiforgery token.
        var b = _nodeB.Client();
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = DemoAccounts.MspAdmin,
                ["Password"] = DemoAccounts.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await b.Http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var authCookie = CookiePair(signedIn, "LicensingPortal");

        // The authentication cookie from B opens the dashboard on A, and from A on B.
        foreach (var node in new[] { a, b })
        {
            var home = new HttpRequestMessage(HttpMethod.Get, "/");
            home.Headers.Add("Cookie", authCookie);
            var response = await node.Http.SendAsync(home);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Contoso Managed Services", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Both_nodes_keep_their_data_protection_keys_in_the_shared_database()
    {
        await _nodeA.Client().GetAsync("/account/sign-in");

        foreach (var node in new[] { _nodeA, _nodeB })
        {
            var options = node.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
            Assert.IsType<EntityFrameworkCoreXmlRepository<PortalDbContext>>(options.XmlRepository);
        }

        await using var db = _database.CreateContext();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    private static string CookiePair(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));
}
