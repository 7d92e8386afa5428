using FluentValidation;
using LicensingPortal.Domain.Webhooks;

namespace LicensingPortal.Application.Webhooks;

/// <summary>The endpoint form: its address, a note, and the events it receives (one checkbox each).</summary>
public sealed class WebhookEndpointInput
{
    public string? Url { get; set; }

    public string? Description { get; set; }

    public bool LicenseChanged { get; set; }

    public bool LicenseExpiring { get; set; }

    public bool LicenseRenewed { get; set; }

    public bool PartnerStatusChanged { get; set; }

    public bool SuiteChangePending { get; set; }

    public bool UsageOverProvisioned { get; set; }

    public bool StatementReady { get; set; }

    public bool StatementApproved { get; set; }

    public bool LicenseRequestCreated { get; set; }

    public int Version { get; set; }

    public WebhookEvents Events =>
        (LicenseChanged ? WebhookEvents.LicenseChanged : 0) | (LicenseExpiring ? WebhookEvents.LicenseExpiring : 0)
        | (LicenseRenewed ? WebhookEvents.LicenseRenewed : 0) | (PartnerStatusChanged ? WebhookEvents.PartnerStatusChanged : 0)
        | (SuiteChangePending ? WebhookEvents.SuiteChangePending : 0) | (UsageOverProvisioned ? WebhookEvents.UsageOverProvisioned : 0)
        | (StatementReady ? WebhookEvents.StatementReady : 0) | (StatementApproved ? WebhookEvents.StatementApproved : 0)
        | (LicenseRequestCreated ? WebhookEvents.LicenseRequestCreated : 0);

    public static WebhookEndpointInput From(WebhookEndpointRow row, int version) => new()
    {
        Url = row.Url,
        Description = row.Description,
        LicenseChanged = row.Events.HasFlag(WebhookEvents.LicenseChanged),
        LicenseExpiring = row.Events.HasFlag(WebhookEvents.LicenseExpiring),
        LicenseRenewed = row.Events.HasFlag(WebhookEvents.LicenseRenewed),
        PartnerStatusChanged = row.Events.HasFlag(WebhookEvents.PartnerStatusChanged),
        SuiteChangePending = row.Events.HasFlag(WebhookEvents.SuiteChangePending),
        UsageOverProvisioned = row.Events.HasFlag(WebhookEvents.UsageOverProvisioned),
        StatementReady = row.Events.HasFlag(WebhookEvents.StatementReady),
        StatementApproved = row.Events.HasFlag(WebhookEvents.StatementApproved),
        LicenseRequestCreated = row.Events.HasFlag(WebhookEvents.LicenseRequestCreated),
        Version = version,
    };
}

/// <summary>The address itself is checked by <see cref="IWebhookTargetCheck"/> in the use case (it may need DNS).</summary>
public sealed class WebhookEndpointInputValidator : AbstractValidator<WebhookEndpointInput>
{
    public WebhookEndpointInputValidator()
    {
        RuleFor(x => x.Url).NotEmpty().WithMessage("Enter the URL of your endpoint, e.g. https://hooks.example.com/licensing.");
        RuleFor(x => x.Description).MaximumLength(WebhookEndpoint.DescriptionMaxLength)
            .WithMessage($"The description is at most {WebhookEndpoint.DescriptionMaxLength} characters.");
        RuleFor(x => x.Events).NotEqual(WebhookEvents.None).WithName(nameof(WebhookEndpointInput.LicenseChanged))
            .OverridePropertyName(nameof(WebhookEndpointInput.LicenseChanged)).WithMessage("Choose at least one event.");
    }
}
