using System.Linq.Expressions;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.CustomerAccounts;
using LicensingPortal.Application.Partners;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.Infrastructure.Identity;

/// <summary>
/// R15 (a company's accounts) and R25 (a customer's own accounts) on ASP.NET Core Identity. It shares the request's
/// <see cref="PortalDbContext"/> with the use cases, so the audit entry a use case staged is written by the same save,
/// inside one transaction.
/// </summary>
public sealed class PortalAccounts(UserManager<PortalUser> users, PortalDbContext db) : IPartnerAccounts, ICustomerAccounts
{
    public Task<IReadOnlyList<PartnerAccountView>> ListAsync(Guid companyId, CancellationToken cancellationToken) =>
        ListAsync(OfCompany(companyId), cancellationToken);

    public async Task<PartnerAccountView?> FindAsync(Guid companyId, Guid userId, CancellationToken cancellationToken) =>
        (await ListAsync(companyId, cancellationToken)).SingleOrDefault(a => a.Id == userId);

    public Task<Result<CreatedPartnerAccount>> CreateAsync(Guid companyId, NewPartnerAccount account, DateTimeOffset now, CancellationToken cancellationToken) =>
        CreateAsync(companyId, null, account, now, cancellationToken);

    public Task<Result> SetDisabledAsync(Guid companyId, Guid userId, bool disabled, CancellationToken cancellationToken) =>
        SetDisabledAsync(OfCompany(companyId), userId, disabled, cancellationToken);

    public Task<Result> ResetTwoFactorAsync(Guid companyId, Guid userId, CancellationToken cancellationToken) =>
        ResetTwoFactorAsync(OfCompany(companyId), userId, cancellationToken);

    Task<IReadOnlyList<PartnerAccountView>> ICustomerAccounts.ListAsync(Guid customerId, CancellationToken cancellationToken) =>
        ListAsync(OfCustomer(customerId), cancellationToken);

    async Task<PartnerAccountView?> ICustomerAccounts.FindAsync(Guid customerId, Guid userId, CancellationToken cancellationToken) =>
        (await ListAsync(OfCustomer(customerId), cancellationToken)).SingleOrDefault(a => a.Id == userId);

    Task<Result<CreatedPartnerAccount>> ICustomerAccounts.CreateAsync(Guid ownerId, Guid customerId, NewPartnerAccount account, DateTimeOffset now, CancellationToken cancellationToken) =>
        CreateAsync(ownerId, customerId, account, now, cancellationToken);

    Task<Result> ICustomerAccounts.SetDisabledAsync(Guid customerId, Guid userId, bool disabled, CancellationToken cancellationToken) =>
        SetDisabledAsync(OfCustomer(customerId), userId, disabled, cancellationToken);

    Task<Result> ICustomerAccounts.ResetTwoFactorAsync(Guid customerId, Guid userId, CancellationToken cancellationToken) =>
        ResetTwoFactorAsync(OfCustomer(customerId), userId, cancellationToken);

    /// <summary>A company's own accounts: its customers' users (R25) share its company id but are not its accounts.</summary>
    private static Expression<Func<PortalUser, bool>> OfCompany(Guid companyId) => u => u.CompanyId == companyId && u.CustomerId == null;

    private static Expression<Func<PortalUser, bool>> OfCustomer(Guid customerId) => u => u.CustomerId == customerId;

    private async Task<IReadOnlyList<PartnerAccountView>> ListAsync(Expression<Func<PortalUser, bool>> scope, CancellationToken cancellationToken)
    {
        var accounts = await db.Users.AsNoTracking()
            .Where(scope)
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsDisabled, u.TwoFactorEnabled })
            .ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return accounts.Select(a => new PartnerAccountView(
                a.Id,
                a.DisplayName,
                a.Email ?? string.Empty,
                roles.Where(r => r.UserId == a.Id).Select(r => r.Name!).OrderBy(n => n, StringComparer.Ordinal).ToList(),
                a.IsDisabled,
                a.TwoFactorEnabled))
            .ToList();
    }

    private async Task<Result<CreatedPartnerAccount>> CreateAsync(Guid companyId, Guid? customerId, NewPartnerAccount account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var user = new PortalUser
        {
            Id = account.Id,
            CompanyId = companyId,
            CustomerId = customerId,
            DisplayName = account.Name.Trim(),
            UserName = account.Email.Trim(),
            Email = account.Email.Trim(),
            EmailConfirmed = true,
            CreatedAt = now,
        };

        return await InTransactionAsync(
            async () =>
            {
                var created = string.IsNullOrEmpty(account.Password)
                    ? await users.CreateAsync(user)
                    : await users.CreateAsync(user, account.Password);
                if (!created.Succeeded)
                {
                    return Result<CreatedPartnerAccount>.From(Failed(created, string.IsNullOrEmpty(account.Password) ? "Email" : "Password"));
                }

                var roles = await users.AddToRolesAsync(user, account.Roles);
                if (!roles.Succeeded)
                {
                    return Result<CreatedPartnerAccount>.From(Failed(roles, "Roles"));
                }

                // No password: a one-time link built on Identity's password-reset token (single use: setting the password changes the stamp).
                var token = string.IsNullOrEmpty(account.Password) ? await users.GeneratePasswordResetTokenAsync(user) : null;
                return Result<CreatedPartnerAccount>.Ok(new CreatedPartnerAccount(user.Id, user.Email, token));
            },
            cancellationToken);
    }

    public async Task<Result> SetRolesAsync(Guid companyId, Guid userId, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var user = await Find(OfCompany(companyId), userId, cancellationToken);
        if (user is null)
        {
            return Result.NotFound();
        }

        return await InTransactionAsync(
            async () =>
            {
                var current = await users.GetRolesAsync(user);
                var removed = await users.RemoveFromRolesAsync(user, current.Except(roles));
                var added = removed.Succeeded ? await users.AddToRolesAsync(user, roles.Except(current)) : removed;

                // A new stamp ends the account's open sessions at their next request (SessionCheck).
                var stamped = added.Succeeded ? await users.UpdateSecurityStampAsync(user) : added;
                return stamped.Succeeded ? Result.Ok() : Failed(stamped, "Roles");
            },
            cancellationToken);
    }

    private async Task<Result> SetDisabledAsync(Expression<Func<PortalUser, bool>> scope, Guid userId, bool disabled, CancellationToken cancellationToken)
    {
        var user = await Find(scope, userId, cancellationToken);
        if (user is null)
        {
            return Result.NotFound();
        }

        user.IsDisabled = disabled;

        // A new stamp ends the account's open sessions at their next request (SessionCheck).
        var updated = await users.UpdateSecurityStampAsync(user);
        return updated.Succeeded ? Result.Ok() : Failed(updated, string.Empty);
    }

    private async Task<Result> ResetTwoFactorAsync(Expression<Func<PortalUser, bool>> scope, Guid userId, CancellationToken cancellationToken)
    {
        var user = await Find(scope, userId, cancellationToken);
        if (user is null)
        {
            return Result.NotFound();
        }

        return await InTransactionAsync(
            async () =>
            {
                var reset = await users.ResetAuthenticatorKeyAsync(user);
                var off = reset.Succeeded ? await users.SetTwoFactorEnabledAsync(user, false) : reset;
                return off.Succeeded ? Result.Ok() : Failed(off, string.Empty);
            },
            cancellationToken);
    }

    public async Task<int> StageDisableAllAsync(Guid companyId, CancellationToken cancellationToken)
    {
        var accounts = await db.Users.Where(u => u.CompanyId == companyId).ToListAsync(cancellationToken);
        foreach (var user in accounts)
        {
            user.IsDisabled = true;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }

        return accounts.Count;
    }

    public Task<bool> EmailInUseAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = users.NormalizeEmail(email?.Trim());
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken);
    }

    /// <summary>
    /// Identity saves after each step; one transaction keeps them (and the staged audit entry) together.
    /// Run through the execution strategy: SQL Server's retrying strategy refuses bare user transactions.
    /// </summary>
    private Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
        where T : Result =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work();
            if (result.Succeeded)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return result;
        });

    private Task<PortalUser?> Find(Expression<Func<PortalUser, bool>> scope, Guid userId, CancellationToken cancellationToken) =>
        db.Users.Where(scope).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);

    private static Result Failed(IdentityResult result, string field) =>
        Result.Invalid(new Dictionary<string, string[]>
        {
            [field] = result.Errors.Select(e => e.Description).ToArray(),
        });
}

public static class PortalAccountsRegistration
{
    /// <summary>One <see cref="PortalAccounts"/> per request, for the companies' accounts (R15) and the customers' (R25).</summary>
    public static IServiceCollection AddPortalAccounts(this IServiceCollection services) =>
        services
            .AddScoped<PortalAccounts>()
            .AddScoped<IPartnerAccounts>(s => s.GetRequiredService<PortalAccounts>())
            .AddScoped<ICustomerAccounts>(s => s.GetRequiredService<PortalAccounts>())
            .AddSingleton<Application.SingleSignOn.ISsoSecrets, Security.SsoSecrets>();
}
