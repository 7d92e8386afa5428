using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
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
    public ApiKeyInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the key, e.g. after the system that uses it.")
            .MaximumLength(ApiKey.NameMaxLength).WithMessage($"The name is at most {ApiKey.NameMaxLength} characters.");
        RuleFor(x => x.Role).NotEmpty().WithMessage("Choose the role the key acts with.")
            .Must(r => r is null || Roles.All.Contains(r)).WithMessage("Choose one of the roles listed.");
    }
}

/// <summary>Creates a key of the user's company, acting with one role; the secret is in the result, once.</summary>
public sealed class CreateApiKey(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<ApiKeyInput> validator)
{
    public async Task<Result<string>> HandleAsync(ApiKeyInput input, CancellationToken cancellationToken = default)
    {
        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<string>.From(invalid);
        }

        string? secret = null;
        var result = await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            (await db.Companies.SingleAsync(c => c.Id == user.CompanyId, cancellationToken)).EnsureAllows(PartnerArea.Integrations);
            (var key, secret) = ApiKey.Create(user.CompanyId, input.Name!, input.Role!, user.Name, now);
            db.ApiKeys.Add(key);
            db.AuditEntries.Add(AuditEntry.Record("ApiKeyCreated", nameof(ApiKey), key.Id.ToString(), user.CompanyId, user.Actor, now, after: $"{key.Name} ({key.Role}, {key.Prefix}…)"));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        });
        return result.Succeeded ? Result<string>.Ok(secret!) : Result<string>.From(result);
    }
}
