namespace LicensingPortal.Domain.Billing;

/// <summary>R24: a monthly statement's life, as Trend Micro LMP's usage reports.</summary>
public enum StatementState
{
    /// <summary>The current month: a live estimate, recomputed from the history.</summary>
    Open = 0,

    /// <summary>After the month's end: the partner reviews it and may adjust a line's chargeable units, with a comment.</summary>
    Preparing = 1,

    /// <summary>Sent to the provider, by the partner or automatically at the provider's deadline.</summary>
    Submitted = 2,

    /// <summary>Accepted by the provider: frozen; a later correction is an adjustment line on a later month.</summary>
    Approved = 3,

    /// <summary>Sent back by the provider with a reason: the partner adjusts and submits again.</summary>
    Rejected = 4,

    /// <summary>Invoiced: nothing more happens to it.</summary>
    Completed = 5,
}
