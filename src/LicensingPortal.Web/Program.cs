using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Web.Api;
using LicensingPortal.Web.Input;
using LicensingPortal.Web.Security;
using LicensingPortal.Web.Security.SingleSignOn;
using LicensingPortal.Web.Startup;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;

// Start-up problems are logged through this static logger; the host gets its own (several hosts share a test process).
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

// The settings files are read once, at start. Watching them for changes watches the whole content root, and with the
// SQLite database in App_Data every write to it woke the watcher's thread (a sixth of the nightly job's CPU time;
// docs/performance.md). A changed setting takes a restart, as most deployments expect anyway.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
// No "Server: Kestrel" header: the portal does not announce what it runs on.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}"),
    preserveStaticLogger: true);

DatabaseSettings database;
try
{
    database = DatabaseSetup.ReadSettings(builder.Configuration, builder.Environment.ContentRootPath);
}
catch (DatabaseConfigurationException e)
{
    Log.Fatal("Cannot start: {Problem}", e.Message);
    await Log.CloseAndFlushAsync();
    return 1;
}

builder.Services.AddPortal(database, builder.Environment);
builder.Services.AddPortalApi();
builder.Services.AddReverseProxySupport(builder.Configuration);

var app = builder.Build();
if (CommandLineVerbs.IsRequested(args))
{
    // The benchmark's verbs (generate, nightly; docs/performance.md): they do their work and exit.
    return await CommandLineVerbs.RunAsync(app, args);
}

app.UseReverseProxySupport();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}

app.UseSecurityHeaders();
app.UseHttpsOnlyPages();
if (app.Configuration["Node:Name"] is { Length: > 0 } nodeName)
{
    // Which node answered, for operators behind a load balancer (docs/deployment.md).
    app.Use((context, next) =>
    {
        context.Response.Headers["X-Portal-Node"] = nodeName;
        return next(context);
    });
}

app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseApiProblemResponses();
// The host's logger (its configured levels), not the static start-up logger the middleware would otherwise take:
// "Serilog:MinimumLevel" then governs the line per request too (the benchmark turns it off with the rest).
app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetService<Serilog.ILogger>());
app.UseClientAbortedRequests();
app.UseStaticFiles();
app.UseRouting();
app.UseRequestBodyLimits();
app.UseSingleSignOnRequests(); // R26: which company's identity provider a single sign-on request is for
app.UseAuthentication();
app.UseSupportSessions(); // R26: a support session's requests run as the company viewed
app.UseRateLimiter();
app.UseTwoFactorSetupRequirement();
app.UseAuthorization();
app.UseFormsWithNul(); // reads a posted form only once the request may reach its page

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapPortalApiDocuments();
app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");

bool seeded;
try
{
    seeded = await app.PrepareDatabaseAsync();
}
catch (Exception e) when (e is not OperationCanceledException)
{
    Log.Fatal("Cannot start: the {Provider} database (ConnectionStrings:{Provider}) could not be prepared: {Problem}", database.Provider, database.Provider, e.GetBaseException().Message);
    await Log.CloseAndFlushAsync();
    return 1;
}

try
{
    await app.StartAsync();

    // Where Kestrel listens is known once it has started (ASPNETCORE_URLS, Kestrel:Endpoints, or its default).
    if (HttpsOnly.StartProblem(app) is { } problem)
    {
        Log.Fatal("Cannot start: {Problem}", problem);
        await app.StopAsync();
        await Log.CloseAndFlushAsync();
        return 1;
    }

    StartupBanner.Print(app, database, seeded);
    await app.WaitForShutdownAsync();
    return 0;
}
finally
{
    await app.DisposeAsync();
}

/// <summary>The entry point, visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
