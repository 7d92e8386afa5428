using LicensingPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Common;

/// <summary>Turns what the domain and the database throw into a use case's <see cref="Result"/>.</summary>
public static class UseCase
{
    /// <summary>
    /// Runs <paramref name="action"/>: a rule refusal becomes <see cref="Result.Refused"/>, a concurrent save
    /// <see cref="Result.Conflict()"/>. Nothing is saved in either case: the action saves once, at its end.
    /// </summary>
    public static async Task<Result> RunAsync(Func<Task<Result>> action)
    {
        try
        {
            return await action();
        }
        catch (DomainRuleViolation violation)
        {
            return Result.Refused(violation);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict();
        }
    }

    /// <summary>The same for a use case that also returns a value: the one place refusals and lost races are caught.</summary>
    public static async Task<Result<T>> RunAsync<T>(Func<Task<Result<T>>> action)
    {
        try
        {
            return await action();
        }
        catch (DomainRuleViolation violation)
        {
            return Result<T>.From(Result.Refused(violation));
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<T>.From(Result.Conflict());
        }
    }
}
