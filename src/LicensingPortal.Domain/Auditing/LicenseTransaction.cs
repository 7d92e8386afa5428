using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Auditing;

/// <summary>
/// R9: one modification of a customer license, with who, when (UTC) and before → after.
/// Append-only: nothing in the portal updates or deletes a transaction.
/// </summary>
public sealed class LicenseTransaction : IAppendOnlyRecord
{
    private LicenseTransaction()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public TransactionType Type { get; private set; }

    /// <summary>The company that owns the customer: tenancy filter for the Transactions report.</summary>
    public Guid CompanyId { get; private set; }

    public Guid CustomerId { get; private set; }

    public string CustomerName { get; private set; } = string.Empty;

    public Guid LicenseId { get; private set; }

    public string PlanName { get; private set; } = string.Empty;

    public Guid? ActorUserId { get; private set; }

    public string ActorName { get; private set; } = string.Empty;

    public string? Before { get; private set; }

    public string? After { get; private set; }

    public string? Note { get; private set; }

    /// <summary>R24: the license's plan after this transaction (null on rows recorded before version 2).</summary>
    public Guid? ServicePlanId { get; private set; }

    /// <summary>R24: the license's units after this transaction.</summary>
    public int? Units { get; private set; }

    /// <summary>R24: the license's last day after this transaction.</summary>
    public DateOnly? ExpiresOn { get; private set; }

    /// <summary>
    /// For people: of a before and after written as "Plan: X; Units: 5; Expires: ...", only the parts that changed
    /// ("Units: 5" → "Units: 6"). Texts of another shape, or with one side missing, are returned as they are.
    /// </summary>
    public static (string? Before, string? After) ChangedParts(string? before, string? after)
    {
        if (before is null || after is null)
        {
            return (before, after);
        }

        static List<(string Key, string Part)>? Parts(string text)
        {
            var parts = text.Split("; ", StringSplitOptions.TrimEntries).Select(p => (Key: p.Split(':', 2)[0], Part: p)).ToList();
            return parts.All(p => p.Part.Contains(':', StringComparison.Ordinal)) ? parts : null;
        }

        if (Parts(before) is not { } b || Parts(after) is not { } a)
        {
            return (before, after);
        }

        var changed = b.Select(p => p.Key).Union(a.Select(p => p.Key))
            .Where(key => b.FirstOrDefault(p => p.Key == key).Part != a.FirstOrDefault(p => p.Key == key).Part)
            .ToHashSet(StringComparer.Ordinal);
        string? Join(List<(string Key, string Part)> parts) =>
            parts.Where(p => changed.Contains(p.Key)).Select(p => p.Part).ToList() is { Count: > 0 } kept ? string.Join("; ", kept) : null;
        return changed.Count == 0 ? (null, null) : (Join(b), Join(a));
    }

    public static LicenseTransaction Record(
        TransactionType type,
        Guid companyId,
        Guid customerId,
        string customerName,
        Guid licenseId,
        string planName,
        Actor actor,
        DateTimeOffset at,
        string? before,
        string? after,
        string? note = null,
        (Guid PlanId, int Units, DateOnly ExpiresOn)? state = null) =>
        new()
        {
            ServicePlanId = state?.PlanId,
            Units = state?.Units,
            ExpiresOn = state?.ExpiresOn,
            Id = Ids.New(),
            Type = type,
            CompanyId = companyId,
            CustomerId = customerId,
            CustomerName = customerName,
            LicenseId = licenseId,
            PlanName = planName,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            At = at,
            Before = before,
            After = after,
            Note = note,
        };

    public static string Display(TransactionType type) => type switch
    {
        TransactionType.NewPurchase => "New purchase",
        TransactionType.LicenseChange => "License change",
        TransactionType.ChangeScheduled => "Change scheduled",
        TransactionType.ScheduledChangeCanceled => "Scheduled change canceled",
        TransactionType.ScheduledChangeFailed => "Scheduled change refused",
        TransactionType.AutoRenewal => "Auto-renewal",
        TransactionType.Conversion => "Conversion",
        TransactionType.SuiteChange => "Suite change",
        TransactionType.Expiration => "Expiration",
    };
}
