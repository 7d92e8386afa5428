using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Partners;

/// <summary>
/// A company: the provider, or one of its partners (MSP or reseller). Guards the partner
/// status rules of R11 for every change made to the partner or on its behalf.
/// </summary>
public sealed class Company : IVersioned
{
    public const int NameMaxLength = 150;

    public const int DefaultPoolWarningPercent = 10;

    public const int DefaultStatementDeadlineDay = 5;

    /// <summary>R24: the status moves made through this instance, appended as rows when it is saved (never loaded: read the table).</summary>
    private readonly List<CompanyStatusChange> _statusChanges = [];

    private Company()
    {
    }

    public Guid Id { get; private set; }

    public CompanyType Type { get; private set; }

    /// <summary>The provider a partner belongs to; null for a provider.</summary>
    public Guid? ProviderId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string? ContactName { get; private set; }

    public string? ContactEmail { get; private set; }

    public string? Phone { get; private set; }

    public string? Address { get; private set; }

    public string Country { get; private set; } = string.Empty;

    public string DataCenter { get; private set; } = string.Empty;

    public PartnerStatus Status { get; private set; }

    public DateTimeOffset? StatusChangedAt { get; private set; }

    public DateTimeOffset? CanceledAt { get; private set; }

    /// <summary>R12: the partner may create licenses itself once its pool is depleted.</summary>
    public bool LicensePoolRefill { get; private set; }

    /// <summary>
    /// R20: the partner is warned when one of its license pools has fewer than this percentage of its units
    /// free; null when the partner turned the warning off. New partners start at <see cref="DefaultPoolWarningPercent"/>.
    /// </summary>
    public int? PoolWarningPercent { get; private set; }

    /// <summary>R24: the provider's currency (ISO 4217), in which its prices and its partners' statements are.</summary>
    public string BillingCurrency { get; private set; } = Billing.Currency.Usd.Code;

    /// <summary>R24: the day of the next month by which a partner's statement is submitted, or is submitted automatically.</summary>
    public int StatementDeadlineDay { get; private set; } = DefaultStatementDeadlineDay;

    /// <summary>R13: Remote Manager enabled for <see cref="DataCenter"/> (MSP only).</summary>
    public bool RemoteManagerEnabled { get; private set; }

    /// <summary>R25: whether this partner's customer users see their licenses' prices and this month's estimate (off until the partner turns it on).</summary>
    public bool ShowPricesToCustomers { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Version { get; private set; }

    public bool IsProvider => Type == CompanyType.Provider;

    public bool IsPartner => Type != CompanyType.Provider;

    public static Company CreateProvider(string name, string country, string dataCenter, DateTimeOffset now) =>
        new()
        {
            Id = Ids.New(),
            Type = CompanyType.Provider,
            Name = Guard.Text(name, nameof(Name), NameMaxLength),
            Country = Guard.Text(country, nameof(Country), 2),
            DataCenter = ValidDataCenter(dataCenter),
            Status = PartnerStatus.Active,
            CreatedAt = now,
        };

    public static Company CreatePartner(Company provider, CompanyType type, CompanyProfile profile, DateTimeOffset now)
    {
        if (!provider.IsProvider)
        {
            throw new DomainRuleViolation("R1", "Only a provider can create partner companies.");
        }

        if (type == CompanyType.Provider)
        {
            throw new DomainRuleViolation("R10", "A partner is an MSP or a reseller.", nameof(Type));
        }

        var partner = new Company
        {
            Id = Ids.New(),
            Type = type,
            ProviderId = provider.Id,
            Status = PartnerStatus.Active,
            CreatedAt = now,
            PoolWarningPercent = DefaultPoolWarningPercent,
        };
        partner.ApplyProfile(profile);
        return partner;
    }

    /// <summary>
    /// R11, the one place that says what a partner in each status may change. A new status
    /// fails to compile here (CS8509 is an error) instead of slipping through at run time.
    /// </summary>
    public bool Allows(PartnerArea area) => Status switch
    {
        PartnerStatus.Active => true,
        PartnerStatus.Suspended => area == PartnerArea.Profile,
        PartnerStatus.Canceled => false,
    };

    /// <summary>
    /// Seed 004: the tabs a partner of this type has, whatever its status. Management Licenses is
    /// for MSPs only (R13), Service Plans for resellers only (R14); a provider has none.
    /// </summary>
    public bool HasTab(PartnerArea area) => IsPartner && area switch
    {
        PartnerArea.ManagementLicenses => Type == CompanyType.Msp,
        PartnerArea.ServicePlans => Type == CompanyType.Reseller,
        PartnerArea.Licenses or PartnerArea.Accounts or PartnerArea.Profile or PartnerArea.Customers => true,
        PartnerArea.Integrations => false,
    };

    public void EnsureAllows(PartnerArea area)
    {
        if (!Allows(area))
        {
            throw new DomainRuleViolation("R11", StatusRefusal);
        }
    }

    /// <summary>Why a change is refused in the current status (empty while active).</summary>
    public string StatusRefusal => Status switch
    {
        PartnerStatus.Active => string.Empty,
        PartnerStatus.Suspended => $"{Name} is suspended: only its profile can be changed until it is reactivated.",
        PartnerStatus.Canceled => $"{Name} was canceled on {CanceledAt:yyyy-MM-dd}: nothing can be changed.",
    };

    /// <summary>R25: the partner's own setting, changed as its profile is (so a suspended partner may still change it).</summary>
    public void SetShowPricesToCustomers(bool show)
    {
        EnsureAllows(PartnerArea.Profile);
        ShowPricesToCustomers = show;
    }

    public void UpdateProfile(CompanyProfile profile)
    {
        EnsureAllows(PartnerArea.Profile);
        ApplyProfile(profile);
    }

    /// <summary>
    /// R11: whether the accounts and API keys of a company in <paramref name="status"/> may sign in: a canceled
    /// partner's lose access; a suspended partner's still sign in and read. Static so a sign-in check can ask with the
    /// status alone, read in the same query as the account or key.
    /// </summary>
    public static bool AllowsSignIn(PartnerStatus status) => status switch
    {
        PartnerStatus.Active or PartnerStatus.Suspended => true,
        PartnerStatus.Canceled => false,
    };

    /// <summary>R11: see <see cref="AllowsSignIn(PartnerStatus)"/>.</summary>
    public bool CanSignIn => AllowsSignIn(Status);

    /// <summary>
    /// R11: why the partner cannot move to <paramref name="target"/>, or null: Active ↔ Suspended, either → Canceled,
    /// never back from Canceled. The Profile tab offers only the moves without one.
    /// </summary>
    public DomainRuleViolation? StatusChangeRefusal(PartnerStatus target)
    {
        if (!IsPartner)
        {
            return new DomainRuleViolation("R11", "A provider has no partner status.");
        }

        return (Status, target) switch
        {
            (PartnerStatus.Canceled, PartnerStatus.Canceled) => new DomainRuleViolation("R11", $"{Name} is already canceled."),
            (PartnerStatus.Canceled, PartnerStatus.Active or PartnerStatus.Suspended) => new DomainRuleViolation("R11", $"{Name} is canceled; cancellation is irreversible."),
            (PartnerStatus.Active, PartnerStatus.Active) => new DomainRuleViolation("R11", $"{Name} is already active."),
            (PartnerStatus.Suspended, PartnerStatus.Suspended) => new DomainRuleViolation("R11", $"{Name} is already suspended."),
            (PartnerStatus.Active, PartnerStatus.Suspended or PartnerStatus.Canceled) => null,
            (PartnerStatus.Suspended, PartnerStatus.Active or PartnerStatus.Canceled) => null,
        };
    }

    public void Suspend(DateTimeOffset now) => MoveTo(PartnerStatus.Suspended, now);

    public void Reactivate(DateTimeOffset now) => MoveTo(PartnerStatus.Active, now);

    /// <summary>
    /// R11: irreversible. The caller also expires the customers' licenses on this date
    /// (<see cref="Licenses.CustomerLicense.ExpireBecausePartnerCanceled"/>) and locks the accounts.
    /// </summary>
    public void Cancel(DateTimeOffset now)
    {
        MoveTo(PartnerStatus.Canceled, now);
        CanceledAt = now;
        LicensePoolRefill = false;
    }

    public void SetLicensePoolRefill(bool enabled)
    {
        EnsurePartner();
        EnsureAllows(PartnerArea.Licenses);
        LicensePoolRefill = enabled;
    }

    /// <summary>
    /// R20: when the partner hears that a license pool runs low (1–99 % of its units free), or never (null).
    /// A preference, not a licensing change: a suspended partner may still set it.
    /// </summary>
    /// <summary>R24: the provider's currency and statement deadline (day 1 to 28 of the month after, so every month has it).</summary>
    public void SetBilling(string currencyCode, int deadlineDay)
    {
        if (IsPartner)
        {
            throw new DomainRuleViolation("R24", "Prices and statement deadlines are the provider's.");
        }

        BillingCurrency = Billing.Currency.Of(currencyCode).Code;
        StatementDeadlineDay = Guard.Range(deadlineDay, 1, 28, nameof(StatementDeadlineDay), "R18");
    }

    public void SetPoolWarning(int? percent)
    {
        if (!IsPartner)
        {
            throw new DomainRuleViolation("R20", "License pools, and their warnings, belong to partners.");
        }

        PoolWarningPercent = percent is { } value ? Guard.Range(value, 1, 99, nameof(PoolWarningPercent), "R20") : null;
    }

    /// <summary>
    /// R13: whether this company's customers' licenses can be managed through the Remote Manager console:
    /// the provider's own console, or an MSP's once the provider enabled it; resellers have none.
    /// </summary>
    public bool OffersRemoteManager => IsProvider || (Type == CompanyType.Msp && RemoteManagerEnabled);

    public void EnableRemoteManager()
    {
        if (Type != CompanyType.Msp)
        {
            throw new DomainRuleViolation("R13", "Management licenses (Remote Manager) are for MSP partners only.");
        }

        EnsureAllows(PartnerArea.ManagementLicenses);
        if (RemoteManagerEnabled)
        {
            throw new DomainRuleViolation("R13", $"Remote Manager is already enabled for data center {DataCenter}.");
        }

        RemoteManagerEnabled = true;
    }

    /// <summary>
    /// R13: the seed's "Enable Trend Micro Remote Manager" is a checkbox; clearing it ends the partner's console access.
    /// The customers' licenses keep their Remote Manager setting (it says how their product is managed and applies
    /// again when the partner gets the console back), and the data center may change again.
    /// </summary>
    public void DisableRemoteManager()
    {
        if (Type != CompanyType.Msp)
        {
            throw new DomainRuleViolation("R13", "Management licenses (Remote Manager) are for MSP partners only.");
        }

        EnsureAllows(PartnerArea.ManagementLicenses);
        if (!RemoteManagerEnabled)
        {
            throw new DomainRuleViolation("R13", "Remote Manager is not enabled for this partner.");
        }

        RemoteManagerEnabled = false;
    }

    private void ApplyProfile(CompanyProfile profile)
    {
        Name = Guard.Text(profile.Name, nameof(Name), NameMaxLength);
        ContactName = Guard.OptionalText(profile.ContactName, nameof(ContactName), 150);
        ContactEmail = Guard.Text(profile.ContactEmail, nameof(ContactEmail), 254);
        if (!ContactEmail.Contains('@', StringComparison.Ordinal) || ContactEmail.StartsWith('@') || ContactEmail.EndsWith('@'))
        {
            throw new DomainRuleViolation("R18", "Contact email is not a valid email address.", nameof(ContactEmail));
        }

        Phone = Guard.OptionalText(profile.Phone, nameof(Phone), 40);
        Address = Guard.OptionalText(profile.Address, nameof(Address), 300);
        Country = Guard.Text(profile.Country, nameof(Country), 2).ToUpperInvariant();
        var dataCenter = ValidDataCenter(profile.DataCenter);
        if (RemoteManagerEnabled && dataCenter != DataCenter)
        {
            throw new DomainRuleViolation("R13", "Remote Manager is enabled for this partner's data center; the data center can no longer change.", nameof(DataCenter));
        }

        DataCenter = dataCenter;
    }

    private static string ValidDataCenter(string? dataCenter) =>
        DataCenters.IsKnown(dataCenter)
            ? dataCenter!
            : throw new DomainRuleViolation("R18", $"Data center must be one of {string.Join(", ", DataCenters.All)}.", nameof(DataCenter));

    private void MoveTo(PartnerStatus target, DateTimeOffset now)
    {
        if (StatusChangeRefusal(target) is { } refusal)
        {
            throw refusal;
        }

        Status = target;
        StatusChangedAt = now;
        _statusChanges.Add(CompanyStatusChange.Of(Id, target, now));
    }

    private void EnsurePartner()
    {
        if (!IsPartner)
        {
            throw new DomainRuleViolation("R11", "A provider has no partner status.");
        }
    }
}
