using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Branding;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Domain.SignInPolicies;
using LicensingPortal.Domain.SuiteChanges;
using LicensingPortal.Domain.Support;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Common;

/// <summary>
/// What use cases read and write. EF Core's DbSet is the repository (ADR 0004): no generic
/// repository is layered over it. One <see cref="SaveChangesAsync"/> per use case.
/// </summary>
public interface IPortalDbContext
{
    DbSet<Company> Companies { get; }

    /// <summary>R24: appended by <see cref="Company"/> itself; read, never added to, here.</summary>
    DbSet<CompanyStatusChange> CompanyStatusChanges { get; }

    DbSet<CompanyBrand> CompanyBrands { get; }

    /// <summary>R26: a company's own OpenID Connect provider (at most one).</summary>
    DbSet<Domain.SingleSignOn.CompanyIdentityProvider> CompanyIdentityProviders { get; }

    /// <summary>R26: which company's provider each email domain signs in with (a domain belongs to one company).</summary>
    DbSet<Domain.SingleSignOn.IdentityProviderDomain> IdentityProviderDomains { get; }
    /// <summary>R26: a company's own sign-in policy (one per company, none for one that follows its parent's).</summary>
    DbSet<SignInPolicy> SignInPolicies { get; }

    /// <summary>R26: provider support's audited views of a partner's or a customer's portal.</summary>
    DbSet<SupportSession> SupportSessions { get; }

    DbSet<Product> Products { get; }

    DbSet<ServiceLevel> ServiceLevels { get; }

    DbSet<LicensePool> LicensePools { get; }

    DbSet<ServicePlan> ServicePlans { get; }

    DbSet<ResellerPlanAssignment> ResellerPlanAssignments { get; }

    DbSet<Customer> Customers { get; }

    DbSet<CustomerLicense> CustomerLicenses { get; }

    DbSet<ScheduledLicenseChange> ScheduledLicenseChanges { get; }

    DbSet<SuiteCompositionChange> SuiteCompositionChanges { get; }

    DbSet<SuiteChangeApproval> SuiteChangeApprovals { get; }

    DbSet<LicenseTransaction> LicenseTransactions { get; }

    DbSet<AuditEntry> AuditEntries { get; }

    DbSet<Notification> Notifications { get; }

    DbSet<NotificationOptOut> NotificationOptOuts { get; }

    DbSet<OutboxEmail> OutboxEmails { get; }

    DbSet<NotificationTemplate> NotificationTemplates { get; }

    DbSet<ApiKey> ApiKeys { get; }

    DbSet<WebhookEndpoint> WebhookEndpoints { get; }

    DbSet<WebhookDelivery> WebhookDeliveries { get; }

    DbSet<PlanPrice> PlanPrices { get; }

    DbSet<PartnerPrice> PartnerPrices { get; }

    DbSet<LicenseUsage> LicenseUsages { get; }

    DbSet<OverProvisionedDay> OverProvisionedDays { get; }

    DbSet<Statement> Statements { get; }

    /// <summary>R25: customers' change requests, in their owner's queue.</summary>
    DbSet<LicenseRequest> LicenseRequests { get; }

    /// <summary>Sets the version the user's form was loaded with, so a save after someone else's is refused (R19).</summary>
    void ExpectVersion<T>(T entity, int version)
        where T : class, Domain.Common.IVersioned;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets every loaded and unsaved entity: a batch (R22) treats each item as its own unit of work.</summary>
    void DiscardChanges();
}
