using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Partners;

/// <summary>
/// Profile tab › Cancel (R11): irreversible. The partner's customers' licenses expire on the cancel date
/// (each with its transaction), its accounts are disabled and their security stamps changed so open
/// sessions end, all in one save with the audit entry.
/// </summary>
public sealed class CancelPartner(IPortalDbContext db, ICurrentUser user, IPartnerAccounts accounts, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, string? confirmName, int version, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        if (partner.Status != PartnerStatus.Canceled && !string.Equals(confirmName?.Trim(), partner.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Result.Invalid(PartnerLookup.FieldError("ConfirmName", $"Type the partner's name, {partner.Name}, to confirm the cancellation."));
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(partner, version);
            var now = clock.GetUtcNow();
            var before = partner.Status;
            partner.Cancel(now);

            var licenses = await db.CustomerLicenses
                .Include(l => l.Customer).ThenInclude(c => c.Owner)
                .Include(l => l.Plan).ThenInclude(p => p.Product)
                .Include(l => l.ScheduledChanges)
                .Where(l => l.Customer.OwnerId == partner.Id)
                .ToListAsync(cancellationToken);
            var expired = 0;
            foreach (var license in licenses)
            {
                if (license.ExpireBecausePartnerCanceled(now, user.Actor) is { } transaction)
                {
                    db.LicenseTransactions.Add(transaction);
                    expired++;
                }
            }

            var disabled = await accounts.StageDisableAllAsync(partner.Id, cancellationToken);
            db.AuditEntries.Add(AuditEntry.Record(
                "PartnerCanceled", nameof(Company), partner.Id.ToString(), partner.Id, user.Actor, now, before.Display(),
                $"{partner.Status.Display()}; {Counted.Of(expired, "license")} expire on {now:yyyy-MM-dd}; {Counted.Of(disabled, "account")} disabled"));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{partner.Name} was canceled: {Counted.Of(expired, "customer license")} expire on {now:yyyy-MM-dd} and {Counted.Of(disabled, "account")} can no longer sign in.");
        });
    }
}
