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
