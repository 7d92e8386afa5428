using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;

namespace LicensingPortal.FunctionalTests.Security;

/// <summary>
/// Every form the portal shows, found by following the pages' own links as each kind of user, is posted
/// with malformed input one field at a time: oversized text, wrong types, negative and overflowing numbers,
/// values outside the field's own min/max (past dates where the form asks for a future one), unknown
/// options, tampered versions and ids, no antiforgery token. Each answer is a clear 4xx or the form again
/// with an error, never a 500, and nothing in the database changes. Script typed into a text field comes
/// back encoded. A form added to any page is swept without anyone listing it here.
/// </summary>
public sealed partial class BadInputSweepTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Script = "<script>alert('sweep')</script>";
    private const int MaxPages = 400;
    private const int PagesPerShape = 8;

    public static TheoryData<string> Users => [DemoAccounts.ProviderAdmin, DemoAccounts.MspAdmin, DemoAccounts.ResellerAdmin];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Malformed_input_to_every_form_is_refused_clearly_and_saves_nothing(string user)
    {
        var client = await PortalClient.SignedInAsync(factory, user);
        var forms = await CrawlFormsAsync(client);
        Assert.True(forms.Count >= 3, $"Only {forms.Count} forms found as {user}: the crawl is broken.");
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", forms.Select(f => $"{Shape(f.Action)}: {string.Join(", ", f.Fields.Select(x => x.Name))}")));
        var failures = new List<string>();
        var probes = 0;

        foreach (var form in forms)
        {
            foreach (var (description, mutate) in Mutations(form))
            {
                probes++;
                var failure = await ProbeAsync(client, form, description, mutate);
                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {probes} malformed posts to {forms.Count} forms as {user} were not refused cleanly:\n" + string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Script_typed_into_any_text_field_comes_back_encoded(string user)
    {
        await using var own = new PortalFactory();
        var client = await PortalClient.SignedInAsync(own, user);
        var failures = new List<string>();
        foreach (var form in await CrawlFormsAsync(client))
        {
            foreach (var field in form.Fields.Where(f => f.IsText))
            {
                var page = await client.GetPageAsync(form.PageUrl);
                var values = FormOf(page, form)!;
                values[field.Name] = Script;
                var response = await client.PostAsync(form.Action, values, null);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location)
                {
                    body = await (await client.GetAsync(location.OriginalString)).Content.ReadAsStringAsync();
                }

                if ((int)response.StatusCode >= 500 || body.Contains(Script, StringComparison.Ordinal))
                {
                    failures.Add($"{form.Action} {field.Name}: {(int)response.StatusCode}{(body.Contains(Script, StringComparison.Ordinal) ? ", the script came back raw" : string.Empty)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<string?> ProbeAsync(PortalClient client, FoundForm form, string description, Action<Dictionary<string, string>> mutate)
    {
        var page = await client.GetPageAsync(form.PageUrl);
        var values = FormOf(page, form);
        if (values is null)
        {
            return null; // the form is gone (an earlier probe's refusal cannot remove it; a state the page no longer offers)
        }

        var token = values.GetValueOrDefault("__RequestVerificationToken");
        values.Remove("__RequestVerificationToken");
        mutate(values);
        var withToken = description == "no antiforgery token" ? null : token;

        IReadOnlyDictionary<string, string> before;
        await using (var db = factory.CreateDbContext())
        {
            before = await DatabaseFingerprint.OfAsync(db);
        }

        var response = await client.PostAsync(form.Action, values, withToken);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();

        IReadOnlyDictionary<string, string> after;
        await using (var db = factory.CreateDbContext())
        {
            after = await DatabaseFingerprint.OfAsync(db);
        }

        var changed = DatabaseFingerprint.Changed(before, after);
        var where = $"POST {form.Action} ({form.PageUrl}) {description}";
        if (status >= 500)
        {
            return $"{where}: {status}";
        }

        if (changed.Count > 0)
        {
            return $"{where}: {status}, and it changed {string.Join(", ", changed)}";
        }

        if (status is >= 400 and < 500)
        {
            return null;
        }

        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location)
        {
            // A refusal may be shown on the page it returns to (post/redirect/get with an error message).
            body = await (await client.GetAsync(location.OriginalString)).Content.ReadAsStringAsync();
        }

        return ShowsAnError(await PortalClient.ParseAsync(body)) ? null : $"{where}: {status} with no error shown";
    }

    private static bool ShowsAnError(IHtmlDocument page) =>
        page.QuerySelectorAll(".field-validation-error, .validation-summary-errors li, .alert-danger, .input-validation-error")
            .Any(e => e.ClassList.Contains("input-validation-error") || !string.IsNullOrWhiteSpace(e.TextContent));

    private static IEnumerable<(string Description, Action<Dictionary<string, string>> Mutate)> Mutations(FoundForm form)
    {
        yield return ("no antiforgery token", _ => { });
        foreach (var field in form.Fields)
        {
            var name = field.Name;
            (string, Action<Dictionary<string, string>>) Set(string what, string value) => ($"{name} = {what}", v => v[name] = value);

            if (field.IsText)
            {
                yield return Set("5,000 characters", new string('x', 5000));
            }

            switch (field.Type)
            {
                case "number":
                    yield return Set("not a number", "abc");
                    yield return Set("negative", "-1");
                    yield return Set("overflowing", "99999999999999999999");
                    break;
                case "date":
                    yield return Set("not a date", "2026-02-31x");
                    break;
                case "select":
                    yield return Set("an unknown option", "Bogus-Option");
                    break;
                case "checkbox":
                    yield return Set("not a boolean", "maybe");
                    break;
                case "hidden" when name.EndsWith("Version", StringComparison.Ordinal):
                    yield return Set("not a number", "abc");
                    yield return Set("a stale version", "-7");
                    break;
                case "hidden" when name.EndsWith("Id", StringComparison.Ordinal):
                    yield return Set("an unknown id", Guid.NewGuid().ToString());
                    yield return Set("not an id", "abc");
                    break;
            }

            if (field.Min is { } min)
            {
                yield return Set($"below its min {min}", field.Type == "date" ? DateOnly.Parse(min, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : (decimal.Parse(min, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (field.Max is { } max)
            {
                yield return Set($"above its max {max}", field.Type == "date" ? DateOnly.Parse(max, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : (decimal.Parse(max, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Follows the portal's own links from the home page and collects each distinct POST form once.</summary>
    private static async Task<List<FoundForm>> CrawlFormsAsync(PortalClient client)
    {
        var queue = new Queue<string>(["/"]);
        var seenPages = new Dictionary<string, int>();
        var visited = 0;
        var seenUrls = new HashSet<string>();
        var forms = new Dictionary<string, FoundForm>();
        while (queue.Count > 0 && visited < MaxPages)
        {
            // A few pages of each shape: a form may show only for some of them (a trial license, a
            // suspended partner, a reseller's tabs, an unlocked plan).
            var url = queue.Dequeue();
            var shape = Shape(url);
            if (seenPages.GetValueOrDefault(shape) >= PagesPerShape || !seenUrls.Add(url))
            {
                continue;
            }

            seenPages[shape] = seenPages.GetValueOrDefault(shape) + 1;
            visited++;

            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
            foreach (var href in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !Skipped().IsMatch(href))
                {
                    queue.Enqueue(href.Split('#')[0]);
                }
            }

            foreach (var element in page.QuerySelectorAll("form").OfType<IHtmlFormElement>())
            {
                var action = element.GetAttribute("action");
                if (!string.Equals(element.Method, "post", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(action) || Skipped().IsMatch(action))
                {
                    continue;
                }

                var fields = element.Elements.Select(Field).OfType<FoundField>().ToList();
                var key = Shape(action) + " " + string.Join(",", fields.Select(f => f.Name).Order(StringComparer.Ordinal));
                forms.TryAdd(key, new FoundForm(url, action, fields));
            }
        }

        return [.. forms.Values];
    }

    private static FoundField? Field(AngleSharp.Dom.IElement element) => element switch
    {
        IHtmlInputElement { Name: { Length: > 0 } name } input when name != "__RequestVerificationToken" && input.Type is not ("submit" or "button" or "radio") =>
            new FoundField(name, input.Type, input.GetAttribute("min"), input.GetAttribute("max")),
        IHtmlSelectElement { Name: { Length: > 0 } name } => new FoundField(name, "select", null, null),
        IHtmlTextAreaElement { Name: { Length: > 0 } name } => new FoundField(name, "textarea", null, null),
        _ => null,
    };

    /// <summary>The current values of <paramref name="form"/> on a fresh copy of its page (fresh token, current version).</summary>
    private static Dictionary<string, string>? FormOf(IHtmlDocument page, FoundForm form) =>
        page.QuerySelectorAll("form").OfType<IHtmlFormElement>().FirstOrDefault(f => f.GetAttribute("action") == form.Action) is { } found
            ? PortalClient.FormValues(found)
            : null;

    /// <summary>
    /// A URL with its ids replaced and only its query's names kept (but the tab's value), so a thousand
    /// customers' pages, sorts and filters count as one page while each tab of a page is its own.
    /// </summary>
    private static string Shape(string url)
    {
        var parts = IdPattern().Replace(url, "{id}").Split('?', 2);
        if (parts.Length == 1)
        {
            return parts[0];
        }

        var names = parts[1].Split('&').Select(p => p.StartsWith("tab=", StringComparison.Ordinal) ? p : p.Split('=')[0]).Order(StringComparer.Ordinal);
        return parts[0] + "?" + string.Join("&", names);
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex IdPattern();

    [GeneratedRegex("sign-out|export|\\.csv|/api/|/openapi|/health", RegexOptions.IgnoreCase)]
    private static partial Regex Skipped();

    private sealed record FoundField(string Name, string Type, string? Min, string? Max)
    {
        public bool IsText => Type is "text" or "textarea" or "email" or "tel" or "url" or "search" or "password";
    }

    private sealed record FoundForm(string PageUrl, string Action, IReadOnlyList<FoundField> Fields);
}
