using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.ServicePlans;

namespace LicensingPortal.Domain.LicenseRequests;

/// <summary>
/// R25: a customer's change request on one of its licenses, in the owning company's queue. Open → Approved (the
/// change applied now, or scheduled for <see cref="ApplyOn"/>) / Declined (with a reason) / Withdrawn (by the
/// customer). A refusal at approval (a rule of R3–R7, R12, R23 refused the change) leaves it open with the rule's
/// sentence, for both sides to read. One open request per license at a time: the customer waits for the answer,
/// or withdraws and asks again. Deciding a request that is no longer open is refused as "changed by someone else" (R19).
/// </summary>
public sealed class LicenseRequest : IVersioned
{
    public const int CommentMaxLength = 1000;
    public const int ReasonMaxLength = 500;
    public const int SummaryMaxLength = 300;

    private LicenseRequest()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The company whose queue it is in: the customer's owner (a partner, or the provider for its direct customers).</summary>
    public Guid CompanyId { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid LicenseId { get; private set; }

    public LicenseRequestKind Kind { get; private set; }

    /// <summary>The units asked for (<see cref="LicenseRequestKind.Units"/>).</summary>
    public int? Units { get; private set; }

    /// <summary>Auto-renewal on or off (<see cref="LicenseRequestKind.AutoRenewal"/>).</summary>
    public bool? AutoRenew { get; private set; }

    /// <summary>The plan asked for (<see cref="LicenseRequestKind.ServicePlan"/>).</summary>
    public Guid? ServicePlanId { get; private set; }

    /// <summary>What is asked, as people read it ("Units per license: 10 → 15"), written when asked.</summary>
    public string Summary { get; private set; } = string.Empty;

    public string Comment { get; private set; } = string.Empty;

    public LicenseRequestState State { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public Guid? RequestedByUserId { get; private set; }

    public string RequestedBy { get; private set; } = string.Empty;

    public DateTimeOffset? DecidedAt { get; private set; }

    public Guid? DecidedByUserId { get; private set; }

    public string? DecidedBy { get; private set; }

    /// <summary>Approved for a date (R7: stored on the license as its pending change); null when applied at once.</summary>
    public DateOnly? ApplyOn { get; private set; }

    public string? DeclineReason { get; private set; }

    /// <summary>The rule that refused the last attempt to approve (e.g. "R12"); the request stayed open.</summary>
    public string? RefusalCode { get; private set; }

    /// <summary>The sentence of that rule, shown to the partner and the customer.</summary>
    public string? Refusal { get; private set; }

    public DateTimeOffset? RefusedAt { get; private set; }

    public int Version { get; private set; }

    public bool IsOpen => State == LicenseRequestState.Open;

    /// <summary>
    /// The customer asks. Refused when the owner takes no requests (suspended or canceled, R11), when the license can
    /// never change (trial R3, End of Life R4), when the license already has an open request, and when the request
    /// asks for nothing new. A suite lock (R5) passes: it is temporary, and the partner approves once it is lifted.
    /// </summary>
    public static LicenseRequest Create(
        CustomerLicense license, LicenseRequestKind kind, int? units, bool? autoRenew, ServicePlan? plan, string? comment,
        LicenseRequest? openRequest, Actor actor, DateTimeOffset now)
    {
        var owner = license.Customer.Owner;
        if (OwnerRefusal(owner) is { } ownerRefusal)
        {
            throw new DomainRuleViolation("R11", ownerRefusal);
        }

        if (license.ModificationRefusal() is { Code: "R3" or "R4" } refusal)
        {
            throw new DomainRuleViolation(refusal.Code, refusal.Message);
        }

        if (openRequest is not null)
        {
            throw new DomainRuleViolation(
                "R25", $"This license already has an open request ({openRequest.Summary}, asked {openRequest.RequestedAt:yyyy-MM-dd}). Wait for the answer, or withdraw it and ask again.");
        }

        var summary = kind switch
        {
            LicenseRequestKind.Units => UnitsSummary(license, units),
            LicenseRequestKind.AutoRenewal => AutoRenewSummary(license, autoRenew),
            LicenseRequestKind.ServicePlan => PlanSummary(license, plan),
            LicenseRequestKind.CancelAtRenewal => license.AutoRenew
                ? $"Cancel at renewal: the license ends on {license.ExpiresOn:yyyy-MM-dd}"
                : throw new DomainRuleViolation("R25", $"This license is not renewed automatically: it ends on {license.ExpiresOn:yyyy-MM-dd} already.", nameof(Kind)),
            _ => throw new DomainRuleViolation("R18", "Choose what to change.", nameof(Kind)),
        };

        return new LicenseRequest
        {
            Id = Ids.New(),
            CompanyId = owner.Id,
            CustomerId = license.CustomerId,
            LicenseId = license.Id,
            Kind = kind,
            Units = kind == LicenseRequestKind.Units ? units : null,
            AutoRenew = kind == LicenseRequestKind.AutoRenewal ? autoRenew : null,
            ServicePlanId = kind == LicenseRequestKind.ServicePlan ? plan!.Id : null,
            Summary = summary.Length > SummaryMaxLength ? summary[..SummaryMaxLength] : summary,
            Comment = Guard.Text(comment, nameof(Comment), CommentMaxLength, multiLine: true),
            State = LicenseRequestState.Open,
            RequestedAt = now,
            RequestedByUserId = actor.UserId,
            RequestedBy = actor.Name,
        };
    }

    /// <summary>R11 as the customer reads it: a suspended or canceled owner takes no requests.</summary>
    public static string? OwnerRefusal(Company owner) => owner.Status switch
    {
        PartnerStatus.Active => null,
        PartnerStatus.Suspended => $"{owner.Name} is suspended: it cannot take change requests until it is reactivated.",
        PartnerStatus.Canceled => $"{owner.Name} was canceled on {owner.CanceledAt:yyyy-MM-dd}: it takes no change requests.",
    };

    /// <summary>The change was applied (now) or scheduled (on <paramref name="applyOn"/>) in the same save.</summary>
    public void Approve(Actor actor, DateTimeOffset now, DateOnly? applyOn)
    {
        RequireOpen("approved");
        State = LicenseRequestState.Approved;
        ApplyOn = applyOn;
        Decided(actor, now);
    }

    /// <summary>A rule refused the change at approval: the request stays open, with the rule's sentence for both sides.</summary>
    public void RecordRefusal(DomainRuleViolation refusal, DateTimeOffset now)
    {
        RequireOpen("approved");
        RefusalCode = refusal.Code;
        Refusal = refusal.Message;
        RefusedAt = now;
    }

    public void Decline(string? reason, Actor actor, DateTimeOffset now)
    {
        RequireOpen("declined");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleViolation("R25", "Say why the request is declined: the customer reads it.", nameof(DeclineReason));
        }

        DeclineReason = Guard.Text(reason, nameof(DeclineReason), ReasonMaxLength, multiLine: true);
        State = LicenseRequestState.Declined;
        Decided(actor, now);
    }

    /// <summary>The customer takes the request back while it is open.</summary>
    public void Withdraw(Actor actor, DateTimeOffset now)
    {
        RequireOpen("withdrawn");
        State = LicenseRequestState.Withdrawn;
        Decided(actor, now);
    }

    /// <summary>"Approved on 2026-12-05 by Mia Admin, to apply on 2027-01-01", for the audit log and the pages.</summary>
    public string Describe() => State switch
    {
        LicenseRequestState.Open => $"Open: {Summary}",
        LicenseRequestState.Approved => $"Approved: {Summary}" + (ApplyOn is { } on ? $", to apply on {on:yyyy-MM-dd}" : ", applied"),
        LicenseRequestState.Declined => $"Declined: {Summary}: {DeclineReason}",
        LicenseRequestState.Withdrawn => $"Withdrawn: {Summary}",
    };

    private void Decided(Actor actor, DateTimeOffset now)
    {
        DecidedAt = now;
        DecidedByUserId = actor.UserId;
        DecidedBy = actor.Name;
    }

    /// <summary>R19: whoever comes second finds the request decided, and nothing is applied twice.</summary>
    private void RequireOpen(string action)
    {
        if (!IsOpen)
        {
            throw new DomainRuleViolation(
                "R19", $"This request was {State.Display().ToLowerInvariant()} by {DecidedBy} on {DecidedAt:yyyy-MM-dd HH:mm} UTC: it cannot be {action} now, and nothing was changed.");
        }
    }

    private static string UnitsSummary(CustomerLicense license, int? units)
    {
        if (units is not { } value)
        {
            throw new DomainRuleViolation("R18", "Enter the units per license you need (1 to 999,999).", nameof(Units));
        }

        Guard.Range(value, 1, LicenseSettings.MaxUnits, nameof(Units), "R6");
        return value == license.Units
            ? throw new DomainRuleViolation("R25", $"The license has {value:N0} units already.", nameof(Units))
            : $"Units per license: {license.Units:N0} → {value:N0}";
    }

    private static string AutoRenewSummary(CustomerLicense license, bool? autoRenew) => autoRenew switch
    {
        null => throw new DomainRuleViolation("R18", "Choose whether the license renews automatically.", nameof(AutoRenew)),
        var on when on == license.AutoRenew => throw new DomainRuleViolation("R25", $"Auto-renewal is {(on.Value ? "on" : "off")} already.", nameof(AutoRenew)),
        true => "Auto-renewal: off → on",
        false => "Auto-renewal: on → off",
    };

    private static string PlanSummary(CustomerLicense license, ServicePlan? plan)
    {
        if (plan is null || plan.Id == license.ServicePlanId)
        {
            throw new DomainRuleViolation("R6", "Choose one of the service plans listed.", nameof(ServicePlanId));
        }

        if ((!license.IsServiceLevelChange(plan) && !license.IsPlanSwitch(plan)) || plan.LicenseType != license.LicenseType)
        {
            throw new DomainRuleViolation("R6", $"{license.Plan.Name} cannot be changed to {plan.Name}: choose another service level of {license.Plan.Product.Name}.", nameof(ServicePlanId));
        }

        return $"Service plan: {license.Plan.Name} → {plan.Name}";
    }
}
