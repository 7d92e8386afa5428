using FluentValidation;

namespace LicensingPortal.Application.Common;

/// <summary>
/// The one place a use case's input is checked (R18): each use case that takes an input runs its validator first, so
/// the page, the API and a bulk change get the same field messages without validating at each front door.
/// </summary>
public static class InputValidation
{
    /// <summary><see cref="Result.Invalid"/> with the field messages, or null when <paramref name="input"/> is valid.</summary>
    public static async Task<Result?> RefusalAsync<T>(this IValidator<T> validator, T input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        return validation.IsValid
            ? null
            : Result.Invalid(validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
    }
}
