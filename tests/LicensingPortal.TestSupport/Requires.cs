using Npgsql;

namespace LicensingPortal.TestSupport;

/// <summary>
/// Tests that need an engine this machine may lack (PostgreSQL, Chromium) call these first.
/// Locally a missing engine skips the test with the reason; with CI set it fails instead,
/// so CI can never go green by skipping.
/// </summary>
public static class Requires
{
    public const string PostgresVariable = "ConnectionStrings__PostgreSql";
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres;Timeout=15";

    private static readonly Lazy<string?> PostgresProblem = new(ProbePostgres);

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The server-level connection string (database "postgres"), or skip/fail.</summary>
    public static string PostgreSql()
    {
        if (PostgresProblem.Value is { } problem)
        {
            Unavailable($"PostgreSQL is not reachable ({problem}). Start it, or set {PostgresVariable}; .ci/run does both.");
        }

        return PostgresServer;
    }

    public static string PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) ?? DefaultPostgres;

    public static string Chromium()
    {
        const string path = "/usr/bin/chromium";
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? path;
        if (!File.Exists(configured))
        {
            Unavailable($"Chromium is not installed at {configured} (apt-get install -y chromium; .ci/run installs it).");
        }

        return configured;
    }

    public static string Nginx()
    {
        const string path = "/usr/sbin/nginx";
        if (!File.Exists(path))
        {
            Unavailable("nginx is not installed (apt-get install -y nginx-light; .ci/run installs it).");
        }

        return path;
    }

    /// <summary>
    /// Node.js and npm, for the OpenAPI contract checks (tools/openapi-check, Node.js 18.17 or later): the path of
    /// <c>node</c>, or skip/fail.
    /// </summary>
    public static string Node()
    {
        var node = OnPath("node");
        if (node is null || OnPath("npm") is null)
        {
            Unavailable("Node.js and npm are not installed (apt-get install -y nodejs npm; .ci/run installs them).");
        }

        return node!;
    }

    /// <summary>The live SQL Server connection string, or skip (never fails in CI: no SQL Server engine runs here).</summary>
    public static string SqlServer()
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__SqlServer");
        if (string.IsNullOrWhiteSpace(connection))
        {
            Assert.Skip("ConnectionStrings__SqlServer is not set: the live SQL Server tests run only where a SQL Server is given.");
        }

        return connection!;
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Something a test needs is missing: skip with the reason, or fail with it when CI is set.</summary>
    public static void Unavailable(string reason)
    {
        if (InCi)
        {
            Assert.Fail($"Required in CI: {reason}");
        }

        Assert.Skip(reason);
    }

    /// <summary>
    /// Tries for up to 30 s: a busy machine (a parallel test run, a build) can be slow to accept the first
    /// connection, and one slow answer must not count as "no PostgreSQL" for the whole run. A refused
    /// connection (nothing listening) is answered at once.
    /// </summary>
    private static string? ProbePostgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Timeout = 10, Pooling = false };
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Open();
                return null;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
            {
                var refused = e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused }
                    || e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused };
                if (refused || waited.Elapsed > TimeSpan.FromSeconds(30))
                {
                    return e.Message;
                }

                Thread.Sleep(1000);
            }
        }
    }
}
