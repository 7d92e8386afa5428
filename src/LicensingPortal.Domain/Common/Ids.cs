namespace LicensingPortal.Domain.Common;

internal static class Ids
{
    /// <summary>Time-ordered ids keep the clustered indexes of SQL Server and PostgreSQL append-only.</summary>
    public static Guid New() => Guid.CreateVersion7();
}
