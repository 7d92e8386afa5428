namespace LicensingPortal.Domain.Common;

/// <summary>
/// A record that is only ever added, never changed (license transactions, audit entries): read by the background
/// jobs in (<see cref="At"/>, <see cref="Id"/>) order after a cursor.
/// </summary>
public interface IAppendOnlyRecord
{
    Guid Id { get; }

    DateTimeOffset At { get; }
}
