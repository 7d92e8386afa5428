namespace LicensingPortal.Domain.Licenses;

/// <summary>R23: what an immediate save does to a pending value of the same setting.</summary>
public enum PendingValueChoice
{
    /// <summary>Not chosen: the save is refused, naming the settings, so the page can ask.</summary>
    Ask = 0,

    /// <summary>The pending value still applies on its date, over the value saved now.</summary>
    Keep = 1,

    /// <summary>The pending value is dropped from the scheduled change (which is canceled when nothing is left).</summary>
    Drop = 2,
}
