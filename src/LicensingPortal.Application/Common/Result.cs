using LicensingPortal.Domain.Common;

namespace LicensingPortal.Application.Common;

public enum ResultKind
{
    Ok,

    /// <summary>Not found, or not the caller's to see (R1): both answer 404.</summary>
    NotFound,

    /// <summary>A rule refused the action (R3, R4, ...).</summary>
    Refused,

    /// <summary>Input failed validation; <see cref="Result.Errors"/> holds the field messages.</summary>
    Invalid,

    /// <summary>Someone else saved first (R19).</summary>
    Conflict,
}

/// <summary>A use case's outcome. The domain throws; the use case turns that into a result; the controller into ModelState or a 404.</summary>
public class Result
{
    public const string ConcurrencyMessage = "This was changed by someone else while you were editing. Nothing was saved: reload to see their change, then try again.";

    protected Result(ResultKind kind, string? ruleCode, string? message, IReadOnlyDictionary<string, string[]>? errors)
    {
        Kind = kind;
        RuleCode = ruleCode;
        Message = message;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public ResultKind Kind { get; }

    public bool Succeeded => Kind == ResultKind.Ok;

    public string? RuleCode { get; }

    public string? Message { get; }

    /// <summary>Field name → messages (for ModelState). The empty key is for the whole form.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static Result Ok(string? message = null) => new(ResultKind.Ok, null, message, null);

    public static Result NotFound() => new(ResultKind.NotFound, "R1", "Not found.", null);

    public static Result Conflict() => new(ResultKind.Conflict, "R19", ConcurrencyMessage, null);

    /// <summary>Someone else decided first, said more precisely than <see cref="ConcurrencyMessage"/> (R19).</summary>
    public static Result Conflict(string message) => new(ResultKind.Conflict, "R19", message, null);

    public static Result Refused(DomainRuleViolation violation) =>
        new(ResultKind.Refused, violation.Code, violation.Message, new Dictionary<string, string[]> { [violation.Field ?? string.Empty] = [violation.Message] });

    public static Result Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ResultKind.Invalid, "R18", "Some values need correcting.", errors);
}

public sealed class Result<T> : Result
{
    private Result(ResultKind kind, T? value, Result? from)
        : base(kind, from?.RuleCode, from?.Message, from?.Errors)
    {
        Value = value;
    }

    public T? Value { get; }

    public static Result<T> Ok(T value) => new(ResultKind.Ok, value, null);

    public static Result<T> From(Result failure) => new(failure.Kind, default, failure);
}
