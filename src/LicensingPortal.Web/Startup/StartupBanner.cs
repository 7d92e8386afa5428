using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LicensingPortal.Web.Startup;

internal static class StartupBanner
{
    /// <summary>Prints where the portal listens and, with demo data, who can sign in.</summary>
    public static void Print(WebApplication app, DatabaseSettings database, bool seededNow)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var lines = new List<string>
        {
            string.Empty,
            "  LicensingPortal is running.",
            $"  Database: {database.Provider}{(seededNow ? " (demo data created now)" : string.Empty)}",
        };
        lines.AddRange(addresses.Select(a => $"  Open:     {a}"));
        if (database.SeedDemoData)
        {
            lines.Add(string.Empty);
            lines.Add($"  Demo sign-ins (password for all: {DemoAccounts.Password}):");
            lines.AddRange(DemoAccounts.SignIns.Select(s => $"    {s.Email,-32} {s.Who}"));
        }

        lines.Add(string.Empty);
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
