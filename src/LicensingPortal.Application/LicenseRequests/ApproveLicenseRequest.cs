using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Domain.Licenses;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.LicenseRequests;

/// <summary>
/// R25: the owner approves a request: its change goes through <see cref="ModifyLicense"/> as any change does, now or on a
/// date, under every rule (R3–R7, R12, R13, R23), and the request is approved in the same save. A rule that refuses the change
/// leaves the license as it was and the request open, with the rule's sentence recorded for the partner and the customer.
/// A request decided meanwhile (or a stale version) is refused as a conflict (R19): nothing is applied twice.
/// </summary>
public sealed class ApproveLicenseRequest(
    IPortalDbContext db, ICurrentUser user, TimeProvider clock, ModifyLicense modify, IValidator<ApproveLicenseRequestInput> validator)
{
    public const string ApprovedAction = "LicenseRequestApproved";
    public const string RefusedAction = "LicenseRequestRefused";

    public async Task<Result> HandleAsync(Guid requestId, ApproveLicenseRequestInput input, CancellationToken cancellationToken = default)
    {
        var request = await db.QueueOf(user).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        // A date sent is a date after today, whichever way the change applies: a past day is a wrong form, not "now".
        if (input.ApplyOn is { } day && day <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            return Result.Invalid(new Dictionary<string, string[]> { [nameof(input.ApplyOn)] = ["Choose a date after today."] });
        }

        var license = await db.VisibleLicenses(user).LicenseForChangeAsync(request.CustomerId, request.LicenseId, cancellationToken);
        if (license is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(request, input.Version);
            var now = clock.GetUtcNow();
            var applyOn = input.ApplyMode == ApplyMode.OnDate ? input.ApplyOn : null;
            string applied;
            try
            {
                request.Approve(user.Actor, now, applyOn);
                applied = await modify.ApplyAsync(license, ChangeOf(request, license, input), cancellationToken);
            }
            catch (DomainRuleViolation decided) when (decided.Code == "R19")
            {
                return Result.Conflict(decided.Message);
            }
            catch (DomainRuleViolation refusal)
            {
                return await RecordRefusalAsync(requestId, input.Version, refusal, now, cancellationToken);
            }

            db.AuditEntries.Add(AuditEntry.Record(
                ApprovedAction, nameof(LicenseRequest), request.Id.ToString(), request.CompanyId, user.Actor, now, LicenseRequestState.Open.Display(), request.Describe()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"Request approved. {applied}");
        });
    }

    /// <summary>The license's settings as they are, with the one the customer asked for changed: what the modify form would post.</summary>
    public static LicenseModifyInput ChangeOf(LicenseRequest request, CustomerLicense license, ApproveLicenseRequestInput approval)
    {
        var change = LicenseModifyInput.From(license);
        switch (request.Kind)
        {
            case LicenseRequestKind.Units:
                change.Units = request.Units;
                break;
            case LicenseRequestKind.AutoRenewal:
                change.AutoRenew = request.AutoRenew ?? license.AutoRenew;
                break;
            case LicenseRequestKind.ServicePlan:
                change.ChangeToPlanId = request.ServicePlanId;
                break;
            case LicenseRequestKind.CancelAtRenewal:
                change.AutoRenew = false;
                break;
        }

        change.ApplyMode = approval.ApplyMode;
        change.ApplyOn = approval.ApplyOn;
        change.PendingValues = approval.PendingValues;
        return change;
    }

    /// <summary>Nothing of the refused change is kept; the request stays open with the rule's sentence, audited.</summary>
    private async Task<Result> RecordRefusalAsync(Guid requestId, int version, DomainRuleViolation refusal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.DiscardChanges();
        var request = await db.LicenseRequests.SingleAsync(r => r.Id == requestId, cancellationToken);
        db.ExpectVersion(request, version);
        request.RecordRefusal(refusal, now);
        db.AuditEntries.Add(AuditEntry.Record(
            RefusedAction, nameof(LicenseRequest), request.Id.ToString(), request.CompanyId, user.Actor, now, request.Summary, refusal.Message));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Refused(refusal);
    }
}
