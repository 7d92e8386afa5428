using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Security;

/// <summary>
/// Every form the portal shows, found by following the pages' own links as each kind of user, is posted
/// with malformed input one field at a time: oversized text, a NUL and other control characters (a line break
/// in a one-line field), wrong types, negative and overflowing numbers, values outside the field's own min/max
/// (past dates where the form asks for a future one), dates in years 1, 1900 and 9999, unknown options, tampered
/// versions and ids, no antiforgery token. Each answer is a clear 4xx or the form again with an error, never a
/// 500, and nothing in the database changes. Text of white space alone may be saved as no value, but no text is
/// ever stored blank, padded or with a control character (the input policy, ADR 0014). Script typed into a text
/// field comes back encoded, and the refusal shows its sentence, not its rule code. A form added to any page is
/// swept without anyone listing it here.
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
            foreach (var (description, mutate, maySave) in Mutations(form, DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime)))
            {
                probes++;
                var failure = await ProbeAsync(client, form, description, mutate, maySave);
                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }
        }

        await using (var db = factory.CreateDbContext())
        {
            failures.AddRange((await StoredText.ProblemsAsync(db)).Select(p => $"stored: {p}"));
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

                // R26: a reason with a script in it starts a support session (the banner showed it encoded); end it, or
                // every later page is the viewed company's.
                if (form.Action.StartsWith("/support/start", StringComparison.Ordinal))
                {
                    await using var db = own.CreateDbContext();
                    foreach (var session in await db.SupportSessions.ToListAsync())
                    {
                        session.End(own.Clock.GetUtcNow());
                    }

                    await db.SaveChangesAsync();
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// The API's side of the sweep: every operation of the OpenAPI document, each string or date in its query and its
    /// JSON body sent alone with a value the input policy refuses. Each answer is 400 problem details naming that
    /// field with the rule code R18, never a 5xx, and the database does not change. An endpoint added later is in the
    /// document, so it is swept too.
    /// </summary>
    [Fact]
    public async Task Values_the_input_policy_refuses_in_any_API_query_or_body_are_problem_details_naming_the_field_R18_R21()
    {
        await using var api = new UnlimitedApiFactory();
        // R25: a customer's own key reaches the customer's routes (/api/v1/my/...), which no company key does.
        var evergreen = await api.QueryAsync(db => db.Customers.Where(c => c.Name == "Evergreen Clinic").Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken));
        var keys = new[] { await Api.ApiKeys.ClientAsync(api, Api.ApiKeys.Contoso), await Api.ApiKeys.ClientAsync(api, Api.ApiKeys.Northwind), await Api.ApiKeys.CustomerClientAsync(api, evergreen) };
        var document = JsonDocument.Parse(await keys[0].GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var values = InputPolicyValues.ControlCharacters.Append(("a line break", "Bad\nvalue")).ToList();
        IReadOnlyDictionary<string, string> before;
        await using (var db = api.CreateDbContext())
        {
            before = await DatabaseFingerprint.OfAsync(db);
        }

        var failures = new List<string>();
        var probes = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var url = IdPlaceholder().Replace(path.Name, _ => Guid.NewGuid().ToString());
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var fields = new List<(string Name, bool InQuery, string Format)>();
                foreach (var parameter in operation.Value.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : default)
                {
                    if (parameter.GetProperty("in").GetString() == "query" && TextOrDate(parameter.GetProperty("schema")) is { } format)
                    {
                        fields.Add((parameter.GetProperty("name").GetString()!, true, format));
                    }
                }

                if (operation.Value.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    var schema = json.GetProperty("schema");
                    if (schema.TryGetProperty("$ref", out var reference))
                    {
                        schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
                    }

                    foreach (var property in schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject() : default)
                    {
                        if (TextOrDate(property.Value) is { } format)
                        {
                            fields.Add((property.Name, false, format));
                        }
                    }
                }

                foreach (var (name, inQuery, format) in fields)
                {
                    foreach (var (what, value) in format == "date" ? InputPolicyValues.ExtremeDates.Select(d => ($"the date {d}", d)) : values)
                    {
                        probes++;
                        var failure = await ApiProbeAsync(keys, method, url, name, inQuery, value);
                        if (failure is not null)
                        {
                            failures.Add($"{method} {path.Name} {name} = {what}: {failure}");
                        }
                    }
                }
            }
        }

        await using (var db = api.CreateDbContext())
        {
            // A key records when it was last used; nothing else may change.
            failures.AddRange(DatabaseFingerprint.Changed(before, await DatabaseFingerprint.OfAsync(db)).Where(t => t != "ApiKeys").Select(t => $"the sweep changed {t}"));
        }

        Assert.True(probes >= 40, $"Only {probes} API probes: the document's operations were not found.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {probes} API probes were not refused cleanly:\n" + string.Join("\n", failures));
    }

    /// <summary>"date" for a date, "text" for free text; null for ids, enums, numbers and instants, which bind or fail by type.</summary>
    private static string? TextOrDate(JsonElement schema)
    {
        var type = schema.TryGetProperty("type", out var t) ? t : default;
        var isString = type.ValueKind == JsonValueKind.String ? type.GetString() == "string"
            : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Select(e => e.GetString()).Where(n => n != "null").SequenceEqual(["string"]);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return !isString || schema.TryGetProperty("enum", out _) ? null : format switch { null => "text", "date" => "date", _ => null };
    }

    /// <summary>The first key the operation is not hidden from (404, R1) must be refused with 400 naming the field.</summary>
    private static async Task<string?> ApiProbeAsync(HttpClient[] keys, HttpMethod method, string url, string name, bool inQuery, string value)
    {
        var answers = new List<int>();
        foreach (var key in keys)
        {
            using var request = new HttpRequestMessage(method, inQuery ? $"{url}?{name}={Uri.EscapeDataString(value)}" : url);
            if (!inQuery)
            {
                request.Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { [name] = value }), System.Text.Encoding.UTF8, "application/json");
            }

            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var response = await key.SendAsync(request, TestContext.Current.CancellationToken);
            var status = (int)response.StatusCode;
            answers.Add(status);
            if (status == 404)
            {
                continue;
            }

            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (status != 400 || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                return $"{status} {text[..Math.Min(text.Length, 300)]}";
            }

            var problem = JsonDocument.Parse(text).RootElement;
            var named = problem.TryGetProperty("errors", out var errors)
                && errors.EnumerateObject().Any(e => e.Name.Split('.')[^1].Equals(name, StringComparison.OrdinalIgnoreCase));
            return problem.TryGetProperty("ruleCode", out var code) && code.GetString() == "R18" && named ? null : $"400 without R18 naming {name}: {text[..Math.Min(text.Length, 300)]}";
        }

        return $"no key reaches it ({string.Join(", ", answers)})";
    }

    private async Task<string?> ProbeAsync(PortalClient client, FoundForm form, string description, Action<Dictionary<string, string>> mutate, bool maySave)
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

        if (maySave)
        {
            return null;
        }

        if (changed.Count > 0)
        {
            return $"{where}: {status}, and it changed {string.Join(", ", changed)}";
        }

        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location)
        {
            // A refusal may be shown on the page it returns to (post/redirect/get with an error message).
            body = await (await client.GetAsync(location.OriginalString)).Content.ReadAsStringAsync();
        }

        var shown = await PortalClient.ParseAsync(body);
        if (RuleCodeInText().Match(shown.QuerySelector("main")?.TextContent ?? string.Empty) is { Success: true } code)
        {
            // People read the sentence; the rule code is for the API's problem details and the tests (data-rule).
            return $"{where}: {status}, and the page shows the rule code {code.Value}";
        }

        return status is >= 400 and < 500 || ShowsAnError(shown) ? null : $"{where}: {status} with no error shown";
    }

    private static bool ShowsAnError(IHtmlDocument page) =>
        page.QuerySelectorAll(".field-validation-error, .validation-summary-errors li, .alert-danger, .input-validation-error")
            .Any(e => e.ClassList.Contains("input-validation-error") || !string.IsNullOrWhiteSpace(e.TextContent));

    /// <remarks>
    /// A value the input policy refuses is sent in a form whose other fields are filled as a person would
    /// (<see cref="FillBlanks"/>): refused only because a required field was left empty, it would prove nothing.
    /// </remarks>
    private static IEnumerable<(string Description, Action<Dictionary<string, string>> Mutate, bool MaySave)> Mutations(FoundForm form, DateOnly today)
    {
        yield return ("no antiforgery token", _ => { }, false);
        foreach (var field in form.Fields)
        {
            var name = field.Name;
            // maySave: white space alone is no value; an optional field may be cleared by it, so the database may change.
            (string, Action<Dictionary<string, string>>, bool) Set(string what, string value, bool maySave = false) => ($"{name} = {what}", v => v[name] = value, maySave);
            (string, Action<Dictionary<string, string>>, bool) Refused(string what, string value) =>
                ($"{name} = {what} (the rest filled in)", v =>
                {
                    FillBlanks(v, form, today);
                    v[name] = value;
                }, false);

            if (field.IsText)
            {
                yield return Set("5,000 characters", new string('x', 5000));
                foreach (var (what, value) in InputPolicyValues.ControlCharacters)
                {
                    yield return Refused(what, value);
                }

                if (field.Type != "textarea")
                {
                    yield return Refused("a line break", "Bad\nvalue");
                }

                yield return Set("white space alone", InputPolicyValues.WhiteSpace, maySave: true);
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
                    foreach (var date in InputPolicyValues.ExtremeDates)
                    {
                        yield return Refused($"the date {date}", date);
                    }

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

    /// <summary>
    /// Fills what the page left empty as a person would: an email, a URL, a password, a phone number or a name by the
    /// field's name and type, the first option of a list or of a group of boxes nobody ticked, the least a number may
    /// be, and dates a month or more ahead.
    /// </summary>
    private static void FillBlanks(Dictionary<string, string> values, FoundForm form, DateOnly today)
    {
        var nextDate = today.AddDays(30);
        foreach (var field in form.Fields.DistinctBy(f => f.Name))
        {
            if (field.Type == "checkbox" && !values.ContainsKey(field.Name))
            {
                values[field.Name] = field.FirstOption ?? "true"; // the first of a group nobody ticked, e.g. a new account's role
            }

            if (!string.IsNullOrEmpty(values.GetValueOrDefault(field.Name)) || field.Type is "hidden" or "checkbox" or "file")
            {
                continue;
            }

            string? Named(string part) => field.Name.Contains(part, StringComparison.OrdinalIgnoreCase) ? part : null;
            var value = field.Type switch
            {
                "number" => field.Min ?? "1",
                "date" => (nextDate = nextDate.AddDays(30)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                "select" => field.FirstOption,
                "email" => "sweep@example.com",
                "url" => "https://example.com/sweep",
                "password" => "Sweep-password-2026",
                _ => (Named("Email") ?? Named("Url") ?? Named("Password") ?? Named("Phone")) switch
                {
                    "Email" => "sweep@example.com",
                    "Url" => "https://example.com/sweep",
                    "Password" => "Sweep-password-2026",
                    "Phone" => "+1 555 0100",
                    _ => "Sweep",
                },
            };
            if (value is not null)
            {
                values[field.Name] = value;
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
            new FoundField(name, input.Type, input.GetAttribute("min"), input.GetAttribute("max"), input.Type == "checkbox" ? input.Value : null),
        IHtmlSelectElement { Name: { Length: > 0 } name } select =>
            new FoundField(name, "select", null, null, select.Options.Select(o => o.Value).FirstOrDefault(v => !string.IsNullOrEmpty(v))),
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

    [GeneratedRegex(@"\(R\d+\)")]
    private static partial Regex RuleCodeInText();

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex IdPlaceholder();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex IdPattern();

    [GeneratedRegex("sign-out|export|\\.csv|/api/|/openapi|/health", RegexOptions.IgnoreCase)]
    private static partial Regex Skipped();

    /// <param name="FirstOption">A list's first option with a value, or a checkbox's value.</param>
    private sealed record FoundField(string Name, string Type, string? Min, string? Max, string? FirstOption = null)
    {
        public bool IsText => Type is "text" or "textarea" or "email" or "tel" or "url" or "search" or "password";
    }

    /// <summary>The sweep sends hundreds of requests a minute with one key.</summary>
    private sealed class UnlimitedApiFactory : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Api:RateLimit:PermitsPerMinute", "1000000");
        }
    }

    private sealed record FoundForm(string PageUrl, string Action, IReadOnlyList<FoundField> Fields);
}
