using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Customers;

public sealed class CustomerInput
{
    public string? Name { get; set; }

    public string? ContactEmail { get; set; }

    public string? Country { get; set; }

    public int Version { get; set; }
}

public sealed class CustomerInputValidator : AbstractValidator<CustomerInput>
{
    public CustomerInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the customer's name.").MaximumLength(Customer.NameMaxLength);
        RuleFor(x => x.ContactEmail).MaximumLength(254).EmailAddress().WithMessage("Enter a valid email address, or leave it empty.");
        RuleFor(x => x.Country).NotEmpty().WithMessage("Enter the two-letter country code, e.g. US.")
            .Matches("^[A-Za-z]{2}$").WithMessage("The country is a two-letter code, e.g. US or DE.");
    }
}

/// <summary>Creates a customer for the user's company, or edits one it may see (R1).</summary>
public sealed class SaveCustomer(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<CustomerInput> validator)
{
    public async Task<Result<Guid>> CreateAsync(CustomerInput input, CancellationToken cancellationToken = default) =>
        await validator.RefusalAsync(input, cancellationToken) is { } invalid ? Result<Guid>.From(invalid) : await WithId(async () =>
        {
            var owner = await db.Companies.SingleAsync(c => c.Id == user.CompanyId, cancellationToken);
            var customer = Customer.Create(owner, input.Name!, input.ContactEmail, input.Country!, clock.GetUtcNow());
            db.Customers.Add(customer);
            db.AuditEntries.Add(AuditEntry.Record("CustomerCreated", nameof(Customer), customer.Id.ToString(), owner.Id, user.Actor, clock.GetUtcNow(), after: customer.Name));
            await db.SaveChangesAsync(cancellationToken);
            return customer.Id;
        });

    public async Task<Result> EditAsync(Guid customerId, CustomerInput input, CancellationToken cancellationToken = default)
    {
        var customer = await db.VisibleCustomers(user).Include(c => c.Owner).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(customer, input.Version);
            var before = $"{customer.Name}; {customer.ContactEmail}; {customer.Country}";
            customer.Edit(input.Name!, input.ContactEmail, input.Country!);
            db.AuditEntries.Add(AuditEntry.Record("CustomerEdited", nameof(Customer), customer.Id.ToString(), customer.OwnerId, user.Actor, clock.GetUtcNow(),
                before, $"{customer.Name}; {customer.ContactEmail}; {customer.Country}"));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{customer.Name} saved.");
        });
    }

    private static async Task<Result<Guid>> WithId(Func<Task<Guid>> action)
    {
        Guid id = default;
        var result = await UseCase.RunAsync(async () =>
        {
            id = await action();
            return Result.Ok();
        });
        return result.Succeeded ? Result<Guid>.Ok(id) : Result<Guid>.From(result);
    }
}
