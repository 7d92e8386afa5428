using LicensingPortal.Web.Startup;
using Microsoft.AspNetCore.Http;

namespace LicensingPortal.FunctionalTests;

public sealed class ClientAbortedRequestsTests
{
    [Fact]
    public async Task A_request_its_client_abandoned_ends_with_499_instead_of_an_error()
    {
        using var aborted = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestAborted = aborted.Token };

        await ClientAbortedRequests.HandleAsync(context, c =>
        {
            aborted.Cancel();
            c.RequestAborted.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        });

        Assert.Equal(ClientAbortedRequests.StatusCode, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_cancellation_the_client_did_not_cause_is_still_an_error()
    {
        var context = new DefaultHttpContext();

        await Assert.ThrowsAsync<TaskCanceledException>(() => ClientAbortedRequests.HandleAsync(context, _ => throw new TaskCanceledException("a timeout inside the portal")));
    }
}
