namespace LicensingPortal.Domain.Common;

/// <summary>Navigations joined by a reader that loads an entity's parts in separate queries (<c>AttachLoaded</c>).</summary>
internal static class Attach
{
    /// <summary>Attached once, or again with the same object; never replaced by another.</summary>
    public static T Once<T>(T? current, T loaded)
        where T : class =>
        current is null || ReferenceEquals(current, loaded) ? loaded : throw new InvalidOperationException($"Another {typeof(T).Name} is attached already.");
}
