using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Domain.Customers;

/// <summary>An end customer, managed by exactly one company (the provider or one of its partners).</summary>
public sealed class Customer : IVersioned
{
    public const int NameMaxLength = 150;

    private Customer()
    {
    }

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public Company Owner { get; private set; } = null!;

    public string Name { get; private set; } = string.Empty;

    /// <summary>Upper-cased name: the customers list sorts and searches on it with an index.</summary>
    public string NormalizedName { get; private set; } = string.Empty;

    public string? ContactEmail { get; private set; }

    public string Country { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public int Version { get; private set; }

    public static Customer Create(Company owner, string name, string? contactEmail, string country, DateTimeOffset now)
    {
        owner.EnsureAllows(PartnerArea.Customers);

        var customer = new Customer { Id = Ids.New(), OwnerId = owner.Id, Owner = owner, CreatedAt = now };
        customer.Apply(name, contactEmail, country);
        return customer;
    }

    /// <summary>For a reader that loads customers and companies in separate queries (see <see cref="Licenses.CustomerLicense.AttachLoaded"/>).</summary>
    public void AttachLoaded(Company owner) =>
        Owner = owner.Id == OwnerId
            ? Attach.Once(Owner, owner)
            : throw new InvalidOperationException($"Customer {Id} is managed by {OwnerId}, not {owner.Id}.");

    /// <summary>
    /// R25 (R11 extended): why the customer's own users may not ask for anything now, or empty. They sign in and read
    /// while the owner is suspended; a canceled owner's customer users cannot sign in at all.
    /// </summary>
    public string CustomerUsersRefusal => Owner.Status switch
    {
        PartnerStatus.Active => string.Empty,
        PartnerStatus.Suspended => $"{Owner.Name} is suspended: you can see your licenses, but nothing can be changed or asked for until it is reactivated.",
        PartnerStatus.Canceled => $"{Owner.Name} was canceled on {Owner.CanceledAt:yyyy-MM-dd}: nothing can be changed or asked for.",
    };

    /// <summary>R25: refuses every write of the customer's own users while its owner is not active (see <see cref="CustomerUsersRefusal"/>).</summary>
    public void EnsureCustomerUsersMayWrite()
    {
        if (Owner.Status != PartnerStatus.Active)
        {
            throw new DomainRuleViolation("R11", CustomerUsersRefusal);
        }
    }

    public void Edit(string name, string? contactEmail, string country)
    {
        Owner.EnsureAllows(PartnerArea.Customers);
        Apply(name, contactEmail, country);
    }

    private void Apply(string name, string? contactEmail, string country)
    {
        Name = Guard.Text(name, nameof(Name), NameMaxLength);
        NormalizedName = Name.ToUpperInvariant();
        ContactEmail = Guard.OptionalText(contactEmail, nameof(ContactEmail), 254);
        if (ContactEmail is not null && !ContactEmail.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainRuleViolation("R18", "Contact email is not a valid email address.", nameof(ContactEmail));
        }

        Country = Guard.Text(country, nameof(Country), 2).ToUpperInvariant();
    }
}
