using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

// bench/run's client for what wrk cannot do alone. Every verb prints one line of key=value pairs.
//   signin  BASE EMAIL PASSWORD              -> cookie=<Cookie header for wrk>
//   cursor  BASE COOKIE PATH PAGES           -> url=<the path of page PAGES, reached by following "Next page">
//   modify  BASE COOKIE COUNT                -> posts=N p50_ms= p95_ms= (immediate license modifications, one at a time)
//   export  BASE COOKIE PATH SERVER_PID      -> seconds= rows= rss_before_mb= rss_peak_mb= rss_after_mb=
var verb = args.Length > 0 ? args[0] : string.Empty;
var baseUrl = args.Length > 1 ? new Uri(args[1]) : new Uri("http://127.0.0.1:5099");
using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
var cookies = new Dictionary<string, string>(StringComparer.Ordinal);

// The portal runs as in production behind a TLS-terminating proxy (bench/run sets ForwardedHeaders:Enabled).
http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

switch (verb)
{
    case "signin":
        await SignInAsync(args[2], args[3]);
        Console.WriteLine($"cookie={CookieHeader()}");
        return 0;
    case "cursor":
        UseCookie(args[2]);
        Console.WriteLine($"url={await FollowCursorAsync(args[3], int.Parse(args[4], CultureInfo.InvariantCulture))}");
        return 0;
    case "modify":
        UseCookie(args[2]);
        await ModifyAsync(int.Parse(args[3], CultureInfo.InvariantCulture));
        return 0;
    case "export":
        UseCookie(args[2]);
        await ExportAsync(args[3], int.Parse(args[4], CultureInfo.InvariantCulture));
        return 0;
    default:
        Console.Error.WriteLine("usage: signin|cursor|modify|export (see Program.cs)");
        return 2;
}

async Task SignInAsync(string email, string password)
{
    var page = await GetAsync("/account/sign-in");
    var form = FormFields(page, "Password");
    form["Email"] = email;
    form["Password"] = password;
    form["RememberMe"] = "false";
    using var response = await PostAsync("/account/sign-in", form);
    if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
    {
        throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}, not a redirect: check the account and two-factor settings.");
    }
}

async Task<string> FollowCursorAsync(string path, int pages)
{
    var url = path;
    for (var page = 1; page < pages; page++)
    {
        var html = await GetAsync(url);
        var next = Regex.Match(html, "href=\"([^\"]+)\" rel=\"next\"");
        if (!next.Success)
        {
            throw new InvalidOperationException($"page {page} has no next page: the filter matches fewer than {pages} pages.");
        }

        url = WebUtility.HtmlDecode(next.Groups[1].Value);
    }

    return url;
}

async Task ModifyAsync(int count)
{
    // Licenses of customers with normal licenses: modifiable full licenses, found through the pages.
    var licenses = new List<string>();
    var list = "/customers?status=Normal";
    while (licenses.Count < count * 3)
    {
        var html = await GetAsync(list);
        foreach (var customer in Regex.Matches(html, "href=\"(/customers/[0-9a-f-]{36})\" class=\"fw-semibold\"").Select(m => m.Groups[1].Value))
        {
            licenses.AddRange(Regex.Matches(await GetAsync(customer), "href=\"(/customers/[0-9a-f-]{36}/licenses/[0-9a-f-]{36})\"").Select(m => m.Groups[1].Value));
        }

        var next = Regex.Match(html, "href=\"([^\"]+)\" rel=\"next\"");
        if (!next.Success)
        {
            break;
        }

        list = WebUtility.HtmlDecode(next.Groups[1].Value);
    }

    var times = new List<double>();
    var refused = 0;
    foreach (var license in licenses.Distinct())
    {
        if (times.Count == count)
        {
            break;
        }

        var page = await GetAsync(license);
        if (!page.Contains("name=\"Input.Units\"", StringComparison.Ordinal) || Regex.IsMatch(page, "<fieldset[^>]*disabled"))
        {
            continue;
        }

        var form = FormFields(page, "Input.Units");
        form["Input.Units"] = (int.Parse(form["Input.Units"], CultureInfo.InvariantCulture) % 900 + 1).ToString(CultureInfo.InvariantCulture);
        form["Input.ApplyMode"] = "Now";
        var watch = Stopwatch.StartNew();
        using var response = await PostAsync(license, form);
        watch.Stop();
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        else
        {
            refused++;
        }
    }

    times.Sort();
    Console.WriteLine(FormattableString.Invariant($"posts={times.Count} refused={refused} p50_ms={Percentile(times, 50):F1} p95_ms={Percentile(times, 95):F1}"));
}

async Task ExportAsync(string path, int serverPid)
{
    var before = RssMb(serverPid);
    var peak = before;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, RssMb(serverPid));
            await Task.Delay(50);
        }
    });
    var watch = Stopwatch.StartNew();
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.TryAddWithoutValidation("Cookie", CookieHeader());
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
    var rows = -1;
    while (await reader.ReadLineAsync() is not null)
    {
        rows++;
    }

    watch.Stop();
    await sampling.CancelAsync();
    await sampler;
    Console.WriteLine(FormattableString.Invariant($"seconds={watch.Elapsed.TotalSeconds:F2} rows={rows} rss_before_mb={before:F0} rss_peak_mb={peak:F0} rss_after_mb={RssMb(serverPid):F0}"));
}

static double RssMb(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}

static double Percentile(List<double> sorted, int p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];

// The named fields a browser would post from the form that contains the field <paramref name="marker"/>.
static Dictionary<string, string> FormFields(string html, string marker)
{
    var form = Regex.Matches(html, "<form[\\s\\S]*?</form>").Select(m => m.Value).First(f => f.Contains($"name=\"{marker}\"", StringComparison.Ordinal));
    var fields = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (Match input in Regex.Matches(form, "<input[^>]*>"))
    {
        var tag = input.Value;
        var name = Attribute(tag, "name");
        var type = Attribute(tag, "type") ?? "text";
        if (name is null || tag.Contains(" disabled", StringComparison.Ordinal) || ((type is "checkbox" or "radio") && !tag.Contains(" checked", StringComparison.Ordinal)))
        {
            continue;
        }

        if (!fields.ContainsKey(name) || type is "checkbox" or "radio")
        {
            fields[name] = WebUtility.HtmlDecode(Attribute(tag, "value") ?? string.Empty);
        }
    }

    foreach (Match select in Regex.Matches(form, "<select[^>]*name=\"([^\"]+)\"[^>]*>([\\s\\S]*?)</select>"))
    {
        var selected = Regex.Match(select.Groups[2].Value, "<option[^>]*selected[^>]*value=\"([^\"]*)\"|<option[^>]*value=\"([^\"]*)\"[^>]*selected");
        fields[select.Groups[1].Value] = selected.Success ? selected.Groups[1].Value + selected.Groups[2].Value : string.Empty;
    }

    return fields;
}

static string? Attribute(string tag, string name)
{
    var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
    return match.Success ? match.Groups[1].Value : null;
}

async Task<string> GetAsync(string path)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.TryAddWithoutValidation("Cookie", CookieHeader());
    using var response = await http.SendAsync(request);
    Remember(response);
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
    }

    return await response.Content.ReadAsStringAsync();
}

async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
    request.Headers.TryAddWithoutValidation("Cookie", CookieHeader());
    var response = await http.SendAsync(request);
    Remember(response);
    return response;
}

void Remember(HttpResponseMessage response)
{
    // The portal's cookies are Secure outside Development; a benchmark on loopback http keeps them by hand.
    if (response.Headers.TryGetValues("Set-Cookie", out var values))
    {
        foreach (var value in values)
        {
            var pair = value.Split(';')[0];
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            cookies[pair[..eq]] = pair[(eq + 1)..];
        }
    }
}

void UseCookie(string header)
{
    foreach (var pair in header.Split("; ", StringSplitOptions.RemoveEmptyEntries))
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        cookies[pair[..eq]] = pair[(eq + 1)..];
    }
}

string CookieHeader() => string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
