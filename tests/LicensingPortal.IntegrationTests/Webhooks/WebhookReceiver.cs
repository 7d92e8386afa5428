using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LicensingPortal.IntegrationTests.Webhooks;

public sealed record ReceivedWebhook(string Id, string? Timestamp, string? Signature, string Body);

public enum ReceiverMode
{
    Up,

    /// <summary>Drops the connection without an answer, as a crashed receiver behind a load balancer does.</summary>
    Down,

    /// <summary>Answers 503.</summary>
    Failing,
}

/// <summary>A real HTTPS receiver (Kestrel on 127.0.0.1, a random port, a self-signed certificate made for the test).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, X509Certificate2 certificate, string url)
    {
        _app = app;
        Certificate = certificate;
        Url = url;
    }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public ReceiverMode Mode { get; set; } = ReceiverMode.Up;

    private int _calls;

    /// <summary>Every request, answered or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public X509Certificate2 Certificate { get; }

    /// <summary>https://127.0.0.1:port/hook</summary>
    public string Url { get; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext context) =>
        {
            Interlocked.Increment(ref receiver!._calls);
            switch (receiver.Mode)
            {
                case ReceiverMode.Down:
                    context.Abort();
                    return;
                case ReceiverMode.Failing:
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return;
            }

            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedWebhook(
                context.Request.Headers["Webhook-Id"].ToString(), context.Request.Headers["Webhook-Timestamp"], context.Request.Headers["Webhook-Signature"], body));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver = new WebhookReceiver(app, certificate, address.TrimEnd('/') + "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        // Valid for the whole window the portal accepts dates in: TLS checks it against the machine's clock, whatever day the tests run.
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 12, 31, 0, 0, 0, TimeSpan.Zero));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
