using LicensingPortal.Application.Common;
using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Branding;
using LicensingPortal.Domain.Common;
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
using LicensingPortal.Infrastructure.ApiKeys;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Notifications;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LicensingPortal.Infrastructure.Persistence;

/// <summary>The portal's one DbContext: domain, Identity and Data Protection keys, on any of the three providers.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, PortalRole, Guid>(options), IPortalDbContext, IDataProtectionKeyContext
{
    public DbSet<Company> Companies => Set<Company>();

    public DbSet<CompanyStatusChange> CompanyStatusChanges => Set<CompanyStatusChange>();

    public DbSet<CompanyBrand> CompanyBrands => Set<CompanyBrand>();

    public DbSet<Domain.SingleSignOn.CompanyIdentityProvider> CompanyIdentityProviders => Set<Domain.SingleSignOn.CompanyIdentityProvider>();

    public DbSet<Domain.SingleSignOn.IdentityProviderDomain> IdentityProviderDomains => Set<Domain.SingleSignOn.IdentityProviderDomain>();
    public DbSet<SignInPolicy> SignInPolicies => Set<SignInPolicy>();
    public DbSet<SupportSession> SupportSessions => Set<SupportSession>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<ServiceLevel> ServiceLevels => Set<ServiceLevel>();

    public DbSet<LicensePool> LicensePools => Set<LicensePool>();

    public DbSet<ServicePlan> ServicePlans => Set<ServicePlan>();

    public DbSet<ResellerPlanAssignment> ResellerPlanAssignments => Set<ResellerPlanAssignment>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<CustomerLicense> CustomerLicenses => Set<CustomerLicense>();

    public DbSet<ScheduledLicenseChange> ScheduledLicenseChanges => Set<ScheduledLicenseChange>();

    public DbSet<SuiteCompositionChange> SuiteCompositionChanges => Set<SuiteCompositionChange>();

    public DbSet<SuiteChangeApproval> SuiteChangeApprovals => Set<SuiteChangeApproval>();

    public DbSet<LicenseTransaction> LicenseTransactions => Set<LicenseTransaction>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationOptOut> NotificationOptOuts => Set<NotificationOptOut>();

    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    public DbSet<NotificationTemplate> NotificationTemplates => Set<NotificationTemplate>();

    public DbSet<NotificationCursor> NotificationCursors => Set<NotificationCursor>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<PlanPrice> PlanPrices => Set<PlanPrice>();

    public DbSet<PartnerPrice> PartnerPrices => Set<PartnerPrice>();

    public DbSet<LicenseUsage> LicenseUsages => Set<LicenseUsage>();

    public DbSet<OverProvisionedDay> OverProvisionedDays => Set<OverProvisionedDay>();

    public DbSet<Statement> Statements => Set<Statement>();

    public DbSet<LicenseRequest> LicenseRequests => Set<LicenseRequest>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public void ExpectVersion<T>(T entity, int version)
        where T : class, IVersioned =>
        Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = version;

    public void DiscardChanges() => ChangeTracker.Clear();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset in SQL; store UTC instants as sortable integers there.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    /// <summary>R19: every save of an editable entity moves its version on; EF refuses a save whose original version is stale.</summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(nameof(IVersioned.Version));
                version.CurrentValue = (int)version.OriginalValue! + 1;
            }
        }
    }
}
