using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Products;

public sealed class ServiceLevel
{
    internal ServiceLevel(Guid productId, string name, int rank)
    {
        Id = Ids.New();
        ProductId = productId;
        Name = name;
        Rank = rank;
    }

    private ServiceLevel()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProductId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>Higher is more: a move to a higher rank is an upgrade.</summary>
    public int Rank { get; private set; }
}
