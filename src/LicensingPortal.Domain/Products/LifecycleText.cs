namespace LicensingPortal.Domain.Products;

public static class LifecycleText
{
    public static string Display(this Lifecycle lifecycle) => lifecycle switch
    {
        Lifecycle.Active => "Active",
        Lifecycle.EndOfSale => "End of Sale",
        Lifecycle.EndOfLife => "End of Life",
    };

    /// <summary>The later of two lifecycles: a plan is End of Life when its product is.</summary>
    public static Lifecycle Latest(Lifecycle a, Lifecycle b) => (Lifecycle)Math.Max((int)a, (int)b);
}
