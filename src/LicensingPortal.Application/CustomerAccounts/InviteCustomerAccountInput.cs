using FluentValidation;
using LicensingPortal.Application.Security;

namespace LicensingPortal.Application.CustomerAccounts;

/// <summary>R25: a customer user invited by a one-time set-password link (no password is ever chosen for them).</summary>
public sealed class InviteCustomerAccountInput
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Role { get; set; }
}

public sealed class InviteCustomerAccountInputValidator : AbstractValidator<InviteCustomerAccountInput>
{
    public InviteCustomerAccountInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(150);
        RuleFor(x => x.Email).NotEmpty().WithMessage("Email is required.").EmailAddress().WithMessage("Email is not a valid email address.").MaximumLength(254);
        RuleFor(x => x.Role).Must(r => r is not null && Roles.Customer.Contains(r))
            .WithMessage($"Choose {Roles.CustomerAdministrator} or {Roles.CustomerViewer}.");
    }
}
