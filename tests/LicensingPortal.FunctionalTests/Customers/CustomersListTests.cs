using System.Net;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Customers;

[Trait("Category", "Calendar")]
public sealed class CustomersListTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=customers] tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_list_searches_by_name_and_shows_each_customers_worst_status_R8()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var page = await client.GetPageAsync("/customers?q=bakery");

        Assert.Equal(["Delta Bakery"], Names(page));
        Assert.Equal("Expired", page.QuerySelector("[data-testid=customers] .status-badge")?.GetAttribute("data-status"));
    }

    [Theory]
    [InlineData("Expired", "Delta Bakery", "Cedar Law Group")]
    [InlineData("ExpiringSoon", "Cedar Law Group", "Delta Bakery")]
    [InlineData("Normal", "Evergreen Clinic", "Cedar Law Group")]
    public async Task The_status_filter_uses_the_clock_and_each_licenses_threshold_R8(string status, string included, string excluded)
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var names = new List<string>();
        string? url = $"/customers?status={status}";
        while (url is not null)
        {
            var page = await client.GetPageAsync(url);
            names.AddRange(Names(page));
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        Assert.Contains(included, names);
        Assert.DoesNotContain(excluded, names);
    }

    [Fact]
    public async Task Keyset_pages_cover_every_customer_once_in_name_order_both_ways()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var expected = await Demo.QueryAsync(factory, db => db.Customers.AsNoTracking()
            .Where(c => c.Owner.Name == "Contoso Managed Services").OrderBy(c => c.NormalizedName).Select(c => c.Name).ToListAsync());

        foreach (var descending in new[] { false, true })
        {
            var names = new List<string>();
            string? url = descending ? "/customers?sort=Name&desc=true" : "/customers";
            var pages = 0;
            while (url is not null)
            {
                var page = await client.GetPageAsync(url);
                names.AddRange(Names(page));
                url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
                pages++;
            }

            Assert.True(pages > 1);
            Assert.Equal(descending ? Enumerable.Reverse(expected).ToList() : expected, names);
        }
    }

    [Fact]
    public async Task A_partner_sees_only_its_own_customers_and_the_provider_sees_its_partners_R1()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        Assert.Empty(Names(await msp.GetPageAsync("/customers?q=hanse")));
        Assert.Equal(["Hanse Logistik"], Names(await provider.GetPageAsync("/customers?q=hanse")));
        var hanse = await Demo.CustomerAsync(factory, "Hanse Logistik");
        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/customers/{hanse}")).StatusCode);
    }

    [Fact]
    public async Task The_filtered_list_exports_as_csv()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var response = await client.GetAsync("/customers/export?status=Expired");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Customer,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("\"Delta Bakery\"", StringComparison.Ordinal) && l.Contains(",Expired,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Cedar Law Group", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_export_has_every_listed_customer_with_its_license_count_and_worst_status_R1_R8()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var created = await client.SubmitAsync(await client.GetPageAsync("/customers/new"), "main form", new() { ["Name"] = "Export Without Licenses", ["Country"] = "US" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var listed = new List<string>();
        string? url = "/customers";
        while (url is not null)
        {
            var page = await client.GetPageAsync(url);
            listed.AddRange(Names(page));
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        var csv = await (await client.GetAsync("/customers/export")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(CsvFields).ToList();

        // The same customers as the list (R1: only this MSP's), in name order, each with its licenses' count and worst status on the clock's day (R8).
        Assert.Equal(listed, rows.Select(r => r[0]).ToList());
        var today = factory.Clock.Today;
        var expected = await Demo.QueryAsync(factory, async db =>
        {
            var customers = await db.Customers.Where(c => listed.Contains(c.Name)).Select(c => new { c.Id, c.Name }).ToListAsync();
            var ids = customers.Select(c => c.Id).ToList();
            var licenses = await db.CustomerLicenses.Where(l => ids.Contains(l.CustomerId)).Select(l => new { l.CustomerId, l.ExpiresOn, l.NotifyDaysBefore }).ToListAsync();
            return customers.ToDictionary(c => c.Name, c =>
            {
                var statuses = licenses.Where(l => l.CustomerId == c.Id).Select(l => LicenseStatusRules.On(today, l.ExpiresOn, l.NotifyDaysBefore)).ToList();
                var worst = statuses.Count == 0 ? "No licenses"
                    : statuses.Contains(LicenseStatus.Expired) ? "Expired"
                    : statuses.Contains(LicenseStatus.ExpiringSoon) ? "Expiring soon"
                    : "Normal";
                return (Count: statuses.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Status: worst);
            });
        });
        Assert.All(rows, r => Assert.Equal(expected[r[0]], (r[4], r[5])));
        Assert.Equal(["Expired", "Expiring soon", "No licenses", "Normal"], rows.Select(r => r[5]).Distinct().Order().ToList());
    }

    /// <summary>One CSV line's fields: quoted ones unquoted ("" is a quote).</summary>
    private static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    [Fact]
    public async Task A_new_customer_is_created_and_a_script_in_its_name_comes_back_encoded()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var response = await client.SubmitAsync(await client.GetPageAsync("/customers/new"), "main form", new() { ["Name"] = "<script>alert(1)</script> Labs", ["Country"] = "us", ["ContactEmail"] = "it@labs.example" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetAsync(response.Headers.Location!.OriginalString);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Labs", html, StringComparison.Ordinal);
        Assert.Equal("US", await Demo.QueryAsync(factory, db => db.Customers.Where(c => c.Name.EndsWith(" Labs")).Select(c => c.Country).SingleAsync()));
    }

    [Theory]
    [InlineData("", "US", "Name", "Enter the customer's name")]
    [InlineData("Too long country Inc", "USA", "Country", "two-letter")]
    [InlineData("Bad mail Inc", "US", "ContactEmail", "valid email")]
    public async Task A_new_customer_with_bad_input_gets_field_messages_and_nothing_is_saved_R18(string name, string country, string field, string message)
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var count = await Demo.QueryAsync(factory, db => db.Customers.CountAsync());

        var response = await client.SubmitAsync(await client.GetPageAsync("/customers/new"), "main form", new() { ["Name"] = name, ["Country"] = country, ["ContactEmail"] = field == "ContactEmail" ? "not-an-email" : string.Empty });
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(country, page.QuerySelector("input[name=Country]")?.GetAttribute("value"));
        Assert.Equal(count, await Demo.QueryAsync(factory, db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task The_read_only_support_engineer_sees_customers_but_cannot_create_one()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderSupport);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/customers/new")).StatusCode);
    }
}
