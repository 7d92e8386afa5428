namespace LicensingPortal.Domain.Common;

/// <summary>
/// An editable entity with an optimistic-concurrency token (R19). The persistence layer
/// increments <see cref="Version"/> on every save and refuses a save whose original version
/// is no longer the stored one.
/// </summary>
public interface IVersioned
{
    int Version { get; }
}
