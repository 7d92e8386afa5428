using System.Diagnostics;
using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;

namespace LicensingPortal.FunctionalTests.ScaleOut;

/// <summary>
/// The set-up of docs/deployment.md as written: deploy/nginx/nginx.conf on 127.0.0.1:8080 in front of two
/// nodes on 127.0.0.1:5001 and :5002 sharing one PostgreSQL database. A user signs in through nginx and
/// keeps working whichever node answers.
/// </summary>
public sealed class NginxTwoNodesTests : IAsyncLifetime
{
    private readonly string _prefix = Path.Combine(Path.GetTempPath(), $"lp-nginx-{Guid.NewGuid():N}");
    private readonly string _config = Path.Combine(RepositoryRoot(), "deploy", "nginx", "nginx.conf");
    private TestDatabase _database = null!;
    private readonly List<NodeFactory> _nodes = [];
    private string _nginx = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _nginx = Requires.Nginx();
        _database = await TestDatabase.PostgreSqlAsync();
        foreach (var (name, port) in new[] { ("node-a", 5001), ("node-b", 5002) })
        {
            var node = new NodeFactory(_database.Settings, prepareDatabase: name == "node-a", new Dictionary<string, string>
            {
                ["Node:Name"] = name,
                ["ForwardedHeaders:Enabled"] = "true",
            });
            node.UseKestrel(port);
            node.StartServer();
            _nodes.Add(node);
        }

        Directory.CreateDirectory(_prefix);
        await RunNginxAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await RunNginxAsync("-s", "stop");
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_prefix, recursive: true);
    }

    [Fact]
    public async Task A_user_signed_in_through_nginx_is_served_by_both_nodes()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:8080") };
        var client = new PortalClient(http);

        var signIn = await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = DemoAccounts.MspAdmin, ["Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var nodes = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            var response = await http.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Contoso Managed Services", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            nodes.Add(response.Headers.GetValues("X-Portal-Node").Single());
        }

        Assert.Equal(["node-a", "node-b"], nodes.Order().ToArray());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
    }

    private async Task RunNginxAsync(params string[] extra)
    {
        var start = new ProcessStartInfo(_nginx, ["-p", _prefix, "-c", _config, .. extra]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        Assert.True(process.ExitCode == 0, $"nginx {string.Join(' ', extra)} failed: {errors}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LicensingPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from the repository.");
    }
}
