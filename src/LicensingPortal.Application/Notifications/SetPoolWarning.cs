using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

/// <summary>R20: the partner sets below which share of free units it hears that a license pool runs low, or turns it off.</summary>
public sealed class SetPoolWarning(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<PoolWarningInput> validator)
{
    public async Task<Result> HandleAsync(PoolWarningInput input, CancellationToken cancellationToken = default)
    {
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == user.CompanyId, cancellationToken);
        if (company is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var percent = input.Warn ? input.Percent : null;

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(company, input.Version);
            var before = company.PoolWarningPercent;
            company.SetPoolWarning(percent);
            db.AuditEntries.Add(AuditEntry.Record(
                "PoolWarningChanged", nameof(Company), company.Id.ToString(), company.Id, user.Actor, clock.GetUtcNow(), Describe(before), Describe(company.PoolWarningPercent)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(company.PoolWarningPercent is { } p
                ? $"You are warned when a license pool has fewer than {p}% of its units free."
                : "License pool warnings are off.");
        });
    }

    private static string Describe(int? percent) => percent is { } p ? $"below {p}% free" : "off";
}
