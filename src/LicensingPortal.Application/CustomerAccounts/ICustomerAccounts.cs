using LicensingPortal.Application.Common;
using LicensingPortal.Application.Partners;

namespace LicensingPortal.Application.CustomerAccounts;

/// <summary>
/// R25: a customer's own sign-in accounts, kept by ASP.NET Core Identity beside the companies' (R15) with the same
/// sign-in, lockout and two-factor. Each belongs to the customer's owner (so the owner's status applies, R11) and to
/// the customer. The use cases check the owner and record the audit entry first; the methods that change an account
/// save the unit of work, audit entry included, in one transaction.
/// </summary>
public interface ICustomerAccounts
{
    Task<IReadOnlyList<PartnerAccountView>> ListAsync(Guid customerId, CancellationToken cancellationToken);

    Task<PartnerAccountView?> FindAsync(Guid customerId, Guid userId, CancellationToken cancellationToken);

    Task<Result<CreatedPartnerAccount>> CreateAsync(Guid ownerId, Guid customerId, NewPartnerAccount account, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Disabling also changes the security stamp: the user's session ends at its next request.</summary>
    Task<Result> SetDisabledAsync(Guid customerId, Guid userId, bool disabled, CancellationToken cancellationToken);

    Task<Result> ResetTwoFactorAsync(Guid customerId, Guid userId, CancellationToken cancellationToken);
}
