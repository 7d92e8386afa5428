using LicensingPortal.Application.Common;

namespace LicensingPortal.Application.Partners;

/// <summary>One of a partner's user accounts as the Accounts tab lists it (R15).</summary>
public sealed record PartnerAccountView(
    Guid Id,
    string Name,
    string Email,
    IReadOnlyList<string> Roles,
    bool Disabled,
    bool TwoFactorEnabled);

/// <summary>A new account: an initial password, or none to get a one-time set-password link.</summary>
public sealed record NewPartnerAccount(Guid Id, string Name, string Email, string? Password, IReadOnlyList<string> Roles);

/// <summary>The created account and, when no password was given, the token of its one-time set-password link.</summary>
public sealed record CreatedPartnerAccount(Guid UserId, string Email, string? SetPasswordToken);

/// <summary>
/// The partner's sign-in accounts (R15), kept by ASP.NET Core Identity in the infrastructure layer.
/// The use cases check the partner's status (R11) and record the audit entry first; the methods that
/// change an account save the unit of work, audit entry included, in one transaction.
/// </summary>
public interface IPartnerAccounts
{
    Task<IReadOnlyList<PartnerAccountView>> ListAsync(Guid companyId, CancellationToken cancellationToken);

    Task<PartnerAccountView?> FindAsync(Guid companyId, Guid userId, CancellationToken cancellationToken);

    Task<Result<CreatedPartnerAccount>> CreateAsync(Guid companyId, NewPartnerAccount account, DateTimeOffset now, CancellationToken cancellationToken);

    Task<Result> SetRolesAsync(Guid companyId, Guid userId, IReadOnlyList<string> roles, CancellationToken cancellationToken);

    /// <summary>Disabling also changes the security stamp: the user's session ends within the validation interval.</summary>
    Task<Result> SetDisabledAsync(Guid companyId, Guid userId, bool disabled, CancellationToken cancellationToken);

    Task<Result> ResetTwoFactorAsync(Guid companyId, Guid userId, CancellationToken cancellationToken);

    /// <summary>R11 (cancel): disables every account of the company, its customers' own users too (R25), and changes their security stamps; saved by the caller.</summary>
    Task<int> StageDisableAllAsync(Guid companyId, CancellationToken cancellationToken);

    /// <summary>Whether the email is already used by any account (emails are unique across the portal).</summary>
    Task<bool> EmailInUseAsync(string email, CancellationToken cancellationToken);
}
