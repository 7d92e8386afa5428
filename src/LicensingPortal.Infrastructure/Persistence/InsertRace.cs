using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Infrastructure.Persistence;

/// <summary>
/// Jobs on several nodes insert the same rows at once and let a unique index keep one of each. The loser sees a
/// unique violation, or, where two nodes inserted the same rows in different orders, a deadlock (PostgreSQL 40P01)
/// that the retrying execution strategy hands on wrapped in an <see cref="InvalidOperationException"/>. Either way
/// the other node's rows stand and the loser has nothing to add.
/// </summary>
public static class InsertRace
{
    public static bool Lost(Exception exception) =>
        exception is DbUpdateException || exception is InvalidOperationException { InnerException: DbUpdateException };
}
