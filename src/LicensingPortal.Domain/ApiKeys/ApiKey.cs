using System.Security.Cryptography;
using System.Text;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Domain.ApiKeys;

/// <summary>
/// A machine's credential for the REST API (R21), owned by one company and acting with one role. The
/// secret is shown once when the key is created; only its SHA-256 hash is stored (the secret carries 256
/// random bits, so a fast hash is enough: there is nothing to guess). Revoking is final. R25: a customer's own key
/// (<see cref="CustomerId"/>) belongs to the customer and is held, as its users are, under the company that owns it.
/// </summary>
public sealed class ApiKey : IVersioned
{
    public const int NameMaxLength = 100;

    /// <summary>Every secret starts with this, so a leaked one is recognisable by secret scanners.</summary>
    public const string SecretPrefix = "lp_";

    private ApiKey()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The company the key belongs to; for a customer's key (R25), the customer's owner, whose status rules it (R11).</summary>
    public Guid CompanyId { get; private set; }

    /// <summary>R25: the customer whose own key this is (it acts as that customer's user), or null for a company's key.</summary>
    public Guid? CustomerId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string Role { get; private set; } = string.Empty;

    /// <summary>The first characters of the secret, shown in the list so an owner can tell keys apart.</summary>
    public string Prefix { get; private set; } = string.Empty;

    public string SecretHash { get; private set; } = string.Empty;

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public int Version { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Creates a key and returns its secret, which exists nowhere else afterwards.</summary>
    public static (ApiKey Key, string Secret) Create(Guid companyId, string name, string role, string createdBy, DateTimeOffset now) =>
        Create(companyId, null, name, role, createdBy, now);

    /// <summary>
    /// R25: a key of the customer's own, created by its administrator: it acts as the customer's user, and is refused (R11) while the
    /// customer's owner is not active, as every write of the customer's users is.
    /// </summary>
    public static (ApiKey Key, string Secret) CreateForCustomer(Customer customer, string name, string role, string createdBy, DateTimeOffset now)
    {
        customer.EnsureCustomerUsersMayWrite();
        return Create(customer.OwnerId, customer.Id, name, role, createdBy, now);
    }

    private static (ApiKey Key, string Secret) Create(Guid companyId, Guid? customerId, string name, string role, string createdBy, DateTimeOffset now)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > NameMaxLength)
        {
            throw new DomainRuleViolation("R18", $"Name the key (1 to {NameMaxLength} characters), e.g. after the system that uses it.", "Name");
        }

        if (InputPolicy.TextProblem(trimmed, "Name") is { } problem)
        {
            throw new DomainRuleViolation("R18", problem, "Name");
        }

        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new ApiKey
        {
            Id = Ids.New(),
            CompanyId = companyId,
            CustomerId = customerId,
            Name = trimmed,
            Role = role,
            Prefix = secret[..10],
            SecretHash = Hash(secret),
            CreatedBy = createdBy,
            CreatedAt = now,
        };
        return (key, secret);
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(string by, DateTimeOffset now)
    {
        if (IsRevoked)
        {
            throw new DomainRuleViolation("R21", $"The key {Name} was already revoked on {RevokedAt:yyyy-MM-dd}.");
        }

        RevokedAt = now;
        RevokedBy = by;
    }

    /// <summary>
    /// R21 and R11: whether a request presenting this key is signed in as its company, which is in
    /// <paramref name="companyStatus"/>: not once the key is revoked, nor once the company is canceled (its accounts
    /// lose access, and so do its keys).
    /// </summary>
    public bool AllowsSignIn(PartnerStatus companyStatus) => !IsRevoked && Company.AllowsSignIn(companyStatus);

    /// <summary>Records use at most once a minute, so a busy key does not write on every request.</summary>
    public bool MarkUsed(DateTimeOffset now)
    {
        if (LastUsedAt is { } last && now - last < TimeSpan.FromMinutes(1))
        {
            return false;
        }

        LastUsedAt = now;
        return true;
    }
}
