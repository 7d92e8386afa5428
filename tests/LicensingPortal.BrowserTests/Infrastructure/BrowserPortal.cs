using LicensingPortal.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests.Infrastructure;

/// <summary>
/// The real app on Kestrel on a free loopback port with a fresh SQLite database and the demo data,
/// and Debian's Chromium driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class BrowserPortal : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private Factory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The portal's clock: the fixed test day (or the calendar sweep's), never the machine's.</summary>
    public TestClock Clock { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The running app's services (to run its background jobs at a moment the test chooses).</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The portal is not started.");

    public static string ScreenshotFolder
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LicensingPortal.sln")))
            {
                directory = directory.Parent;
            }

            var folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "docs", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async ValueTask InitializeAsync()
    {
        var chromium = Requires.Chromium();
        _factory = new Factory(_database, Clock);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A new browser context (own cookies) with a page signed in as <paramref name="email"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string email, string password = LicensingPortal.Infrastructure.Seeding.DemoAccounts.Password, int width = 1280, string? timeZone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = 900 }, TimezoneId = timeZone });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            // Generous: password hashing on a busy 2-core machine running four test assemblies at once is slow.
            await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal), new() { Timeout = 90_000 });
        }
        catch (TimeoutException)
        {
            var alert = await page.Locator("[role=alert], .text-danger").AllTextContentsAsync();
            var text = await page.Locator("main").InnerTextAsync();
            throw new TimeoutException($"Sign-in as {email} did not leave the sign-in page ({page.Url}): {string.Join(" | ", alert)} | {text[..Math.Min(text.Length, 400)]}");
        }

        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private sealed class Factory(TestDatabase database, TestClock clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Sqlite", database.ConnectionString);
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("Database:SeedDemoData", "true");
            builder.UseSetting("Scheduler:Enabled", "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseUrls("http://127.0.0.1:0");
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserPortal>
{
    public const string Name = "browser";
}
