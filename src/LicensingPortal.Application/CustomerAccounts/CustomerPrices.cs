using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.CustomerAccounts;

/// <summary>R25: whether the company's customers' own users see their licenses' prices, with the version the form was loaded from (R19).</summary>
public sealed record CustomerPricesView(bool Show, int Version);

/// <summary>
/// R25, Prices › Your customers' accounts: who reads billing and manages customer accounts (a partner's or the provider's
/// administrator) decides whether customer users see prices. Null for anyone else: the page shows no switch.
/// </summary>
public sealed class GetCustomerPrices(IPortalDbContext db, ICurrentUser user)
{
    public static bool MayChange(ICurrentUser user) =>
        user.CompanyType != CompanyType.Customer && user.Can(Permission.ManageCustomerAccounts) && user.Can(Permission.ViewBilling);

    public async Task<CustomerPricesView?> HandleAsync(CancellationToken cancellationToken = default) =>
        MayChange(user)
            ? await db.Companies.AsNoTracking().Where(c => c.Id == user.CompanyId).Select(c => new CustomerPricesView(c.ShowPricesToCustomers, c.Version)).SingleOrDefaultAsync(cancellationToken)
            : null;
}

/// <summary>
/// R25: turns on or off what the company's customers' users see of prices (their licenses' monthly price and this month's
/// estimate at the company's prices to them). Changed as the profile is (a suspended partner may, a canceled one not: R11);
/// audited; version-checked (R19).
/// </summary>
public sealed class SetCustomerPrices(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const string ChangedAction = "CustomerPricesChanged";

    public async Task<Result> HandleAsync(bool show, int version, CancellationToken cancellationToken = default)
    {
        var company = GetCustomerPrices.MayChange(user) ? await db.Companies.SingleOrDefaultAsync(c => c.Id == user.CompanyId, cancellationToken) : null;
        if (company is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(company, version);
            var before = company.ShowPricesToCustomers;
            company.SetShowPricesToCustomers(show);
            db.AuditEntries.Add(AuditEntry.Record(
                ChangedAction, nameof(Company), company.Id.ToString(), company.Id, user.Actor, clock.GetUtcNow(), Describe(before), Describe(company.ShowPricesToCustomers)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(company.ShowPricesToCustomers
                ? "Your customers' accounts now see their licenses' prices and this month's estimate."
                : "Your customers' accounts no longer see prices.");
        });
    }

    private static string Describe(bool show) => show ? "prices shown to customers" : "prices hidden from customers";
}
