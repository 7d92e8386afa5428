using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LicensingPortal.FunctionalTests.Infrastructure;

/// <summary>A browser-like client: keeps cookies, reads antiforgery tokens from pages, posts forms.</summary>
public sealed class PortalClient(HttpClient http)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public static PortalClient Anonymous(PortalFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, string email, string password = DemoAccounts.Password)
    {
        var client = Anonymous(factory);
        var response = await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = email, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}\n{body[..Math.Min(body.Length, 2000)]}");
        }

        return client;
    }

    /// <summary>R25: signed in as a customer's own user (see <see cref="PortalFactory.CustomerUserAsync"/>).</summary>
    public static async Task<PortalClient> SignedInAsCustomerUserAsync(PortalFactory factory, Guid customerId, string role = Application.Security.Roles.CustomerAdministrator) =>
        await SignedInAsync(factory, await factory.CustomerUserAsync(customerId, role));

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<IHtmlDocument> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}. {html[..Math.Min(html.Length, 1500)]}");
        return await Parser.ParseDocumentAsync(html);
    }

    public static Task<IHtmlDocument> ParseAsync(string html) => Parser.ParseDocumentAsync(html);

    /// <summary>Loads <paramref name="pageUrl"/> for its antiforgery token, then posts <paramref name="fields"/> to <paramref name="postUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        var page = await GetPageAsync(pageUrl);
        var token = AntiforgeryToken(page);
        return await PostAsync(postUrl, fields, token);
    }

    /// <summary>Posts with the given token: a crafted POST, as a script or a stale tab would send it.</summary>
    public Task<HttpResponseMessage> PostAsync(string url, Dictionary<string, string> fields, string? antiforgeryToken)
    {
        var body = new Dictionary<string, string>(fields);
        if (antiforgeryToken is not null)
        {
            body["__RequestVerificationToken"] = antiforgeryToken;
        }

        return Http.PostAsync(url, new FormUrlEncodedContent(body));
    }

    /// <summary>Posts every field of <paramref name="form"/> as a browser would, a name ticked several times sent several times (the dictionaries above keep one).</summary>
    public Task<HttpResponseMessage> PostAllAsync(string url, IHtmlFormElement form) =>
        Http.PostAsync(url, new FormUrlEncodedContent(form.Elements.OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && (i.Type is not ("checkbox" or "radio") || i.IsChecked))
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Concat(form.Elements.OfType<IHtmlSelectElement>().Where(e => !string.IsNullOrEmpty(e.Name)).Select(e => KeyValuePair.Create(e.Name!, e.Value ?? string.Empty)))
            .ToList()));

    /// <summary>
    /// Submits a form of the page as a browser would: its own fields and its own antiforgery token (a form
    /// rendered without one fails here, as it would in the browser), with <paramref name="overrides"/> typed in.
    /// </summary>
    public Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, Dictionary<string, string>? overrides = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {formSelector}.");
        var values = FormValues(page, formSelector);
        Assert.True(values.ContainsKey("__RequestVerificationToken"), $"The form {formSelector} has no antiforgery token: a browser's POST would be refused.");
        foreach (var (key, value) in overrides ?? [])
        {
            values[key] = value;
        }

        var action = form.GetAttribute("action") ?? throw new InvalidOperationException($"The form {formSelector} has no action.");
        return PostAsync(action, values, null);
    }

    public static string AntiforgeryToken(IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>Every field of the first form matching <paramref name="selector"/>, as the browser would post it.</summary>
    public static Dictionary<string, string> FormValues(IHtmlDocument page, string selector = "form") =>
        FormValues(page.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {selector}."));

    /// <summary>Every field of <paramref name="form"/>, as the browser would post it.</summary>
    public static Dictionary<string, string> FormValues(IHtmlFormElement form)
    {
        var values = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if ((input.Type is "checkbox" or "radio") && !input.IsChecked)
                    {
                        break;
                    }

                    values.TryAdd(input.Name!, input.Value);
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values[select.Name!] = select.Value ?? string.Empty;
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values[area.Name!] = area.Value;
                    break;
            }
        }

        return values;
    }
}
