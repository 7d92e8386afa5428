using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace LicensingPortal.FunctionalTests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port: each delivered message is parsed with MimeKit and
/// kept. A recipient whose address starts with "reject" is refused (550). It can be stopped and started again on the
/// same port, to play a mail server that is down.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private CancellationTokenSource? _stop;
    private Task? _running;

    public LoopbackSmtpServer()
    {
        // Reserve a free port, then let go of it: StartAsync binds it when the test wants the server up.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Listens (again) on <see cref="Port"/>, returning once the port accepts connections; does nothing when already listening.</summary>
    public async Task StartAsync()
    {
        if (_running is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, _) => listening.TrySetResult();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new RefuseRejectAddresses());
        services.Add(new KeepMessages(Messages));

        _stop = new CancellationTokenSource();
        var running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        if (await Task.WhenAny(listening.Task, running) == running)
        {
            // It stopped before listening: the port could not be bound. Say why.
            _stop.Dispose();
            await running;
            throw new InvalidOperationException($"The SMTP server did not listen on port {Port}.");
        }

        _running = running;
    }

    /// <summary>Stops listening and drops any open session, as a mail server that goes down does.</summary>
    public async Task StopAsync()
    {
        if (_running is null)
        {
            return;
        }

        await _stop!.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _running = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class RefuseRejectAddresses : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!to.User.StartsWith("reject", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class KeepMessages(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
