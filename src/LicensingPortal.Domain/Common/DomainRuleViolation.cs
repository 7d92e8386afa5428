namespace LicensingPortal.Domain.Common;

/// <summary>
/// Thrown by an entity when an action would break one of the product's rules (R1–R22).
/// The code ("R3") travels to the page, the API problem details and the logs unchanged.
/// </summary>
public sealed class DomainRuleViolation : Exception
{
    public DomainRuleViolation(string code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    public DomainRuleViolation()
        : this("R17", "The action is not allowed.")
    {
    }

    public DomainRuleViolation(string message)
        : this("R17", message)
    {
    }

    public DomainRuleViolation(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "R17";
    }

    /// <summary>The rule code, e.g. "R3".</summary>
    public string Code { get; } = "R17";

    /// <summary>The input the refusal is about, when it is about one field (e.g. "Units").</summary>
    public string? Field { get; }
}
