using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Webhooks;
using Moq;

namespace LicensingPortal.UnitTests.Webhooks;

/// <summary>
/// ADR 0011, the use case's side of the target check: the check is a port (DNS in production), so here it is a
/// test double, and so are the database, the secret store and the clock, strict: touching any of them fails the test.
/// </summary>
public sealed class CreateWebhookEndpointTests
{
    [Fact]
    public async Task An_address_the_target_check_refuses_is_the_url_fields_error_and_nothing_is_read_stored_or_protected()
    {
        const string url = "https://hooks.internal.example/in";
        const string refusal = "hooks.internal.example resolves to 10.0.0.7, a private (10.0.0.0/8) address: use an address reachable on the internet.";
        var targets = new Mock<IWebhookTargetCheck>(MockBehavior.Strict);
        targets.Setup(t => t.CheckAsync(url, It.IsAny<CancellationToken>())).ReturnsAsync(((Uri?)null, (string?)refusal));
        var db = new Mock<IPortalDbContext>(MockBehavior.Strict);
        var secrets = new Mock<IWebhookSecrets>(MockBehavior.Strict);
        var user = new Mock<ICurrentUser>(MockBehavior.Strict);
        var clock = new Mock<TimeProvider>(MockBehavior.Strict);
        var useCase = new CreateWebhookEndpoint(db.Object, user.Object, clock.Object, secrets.Object, targets.Object, new WebhookEndpointInputValidator());

        var result = await useCase.HandleAsync(new WebhookEndpointInput { Url = url, LicenseChanged = true }, TestContext.Current.CancellationToken);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal("R18", result.RuleCode);
        Assert.Equal([refusal], result.Errors[nameof(WebhookEndpointInput.Url)]);
        Assert.Null(result.Value);
        targets.Verify(t => t.CheckAsync(url, It.IsAny<CancellationToken>()), Times.Once);
        db.VerifyNoOtherCalls();
        secrets.VerifyNoOtherCalls();
        user.VerifyNoOtherCalls();
        clock.VerifyNoOtherCalls();
    }
}
