namespace LicensingPortal.Domain.Products;

public enum Lifecycle
{
    Active = 0,
    EndOfSale = 1,
    EndOfLife = 2,
}
