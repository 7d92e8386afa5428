using System.Diagnostics;
using LicensingPortal.TestSupport;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>
/// tools/openapi-check: Redocly's linter and the Ajv answer validator (Node.js). Its node_modules come from
/// <c>npm ci</c>, run by .ci/run or, when missing or older than the lock file, here.
/// </summary>
internal static class OpenApiCheckTool
{
    private static readonly SemaphoreSlim Installing = new(1, 1);

    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "tools", "openapi-check");

    /// <summary>Node.js is there and the tool's packages are installed, or the test skips (fails in CI) saying why.</summary>
    public static async Task EnsureInstalledAsync()
    {
        Requires.Node();
        await Installing.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            var installed = new FileInfo(Path.Combine(Folder, "node_modules", ".package-lock.json"));
            if (!installed.Exists || installed.LastWriteTimeUtc < File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")))
            {
                var (exitCode, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], TimeSpan.FromMinutes(5));
                if (exitCode != 0)
                {
                    Requires.Unavailable($"npm ci in tools/openapi-check failed ({exitCode}): {output}");
                }
            }
        }
        finally
        {
            Installing.Release();
        }
    }

    /// <summary>Runs a program in the tool's folder; its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No usage report, no update check, no colour codes in the output a failing test shows.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, (await output) + (await errors));
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
