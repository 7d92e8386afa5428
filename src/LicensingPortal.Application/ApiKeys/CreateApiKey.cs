using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.ApiKeys;

public sealed class ApiKeyInput
{
    public string? Name { get; set; }

    public string? Role { get; set; }
}

public sealed class ApiKeyInputValidator : AbstractValidator<ApiKeyInput>
{
    public const string RoleMessage = "Choose one of the roles listed.";

    public ApiKeyInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the key, e.g. after the system that uses it.")
            .MaximumLength(ApiKey.NameMaxLength).WithMessage($"The name is at most {ApiKey.NameMaxLength} characters.");
        RuleFor(x => x.Role).NotEmpty().WithMessage("Choose the role the key acts with.")
            .Must(r => r is null || Roles.All.Contains(r) || Roles.Customer.Contains(r)).WithMessage(RoleMessage);
    }
}

/// <summary>
/// Creates a key of the user's company, acting with one role; the secret is in the result, once. R25: a customer's administrator
/// creates its customer's key, acting with a customer user's role (a company role is refused as the list does not offer it), and not
/// while the customer's owner is suspended (R11). Audited in the owner's log, where the customer's users' actions are.
/// </summary>
public sealed class CreateApiKey(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<ApiKeyInput> validator)
{
    public async Task<Result<string>> HandleAsync(ApiKeyInput input, CancellationToken cancellationToken = default)
    {
        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<string>.From(invalid);
        }

        if (!ApiKeyScope.RolesFor(user).Contains(input.Role!))
        {
            return Result<string>.From(Result.Invalid(new Dictionary<string, string[]> { [nameof(ApiKeyInput.Role)] = [ApiKeyInputValidator.RoleMessage] }));
        }

        string? secret = null;
        var result = await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            ApiKey key;
            if (user.CompanyType == CompanyType.Customer)
            {
                var customer = await db.VisibleCustomers(user).Include(c => c.Owner).SingleAsync(cancellationToken);
                (key, secret) = ApiKey.CreateForCustomer(customer, input.Name!, input.Role!, user.Name, now);
            }
            else
            {
                (await db.Companies.SingleAsync(c => c.Id == user.CompanyId, cancellationToken)).EnsureAllows(PartnerArea.Integrations);
                (key, secret) = ApiKey.Create(user.CompanyId, input.Name!, input.Role!, user.Name, now);
            }

            db.ApiKeys.Add(key);
            db.AuditEntries.Add(AuditEntry.Record("ApiKeyCreated", nameof(ApiKey), key.Id.ToString(), key.CompanyId, user.Actor, now, after: $"{key.Name} ({key.Role}, {key.Prefix}…)"));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        });
        return result.Succeeded ? Result<string>.Ok(secret!) : Result<string>.From(result);
    }
}
