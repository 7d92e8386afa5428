using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength).IsRequired();
        builder.Property(c => c.NormalizedName).HasMaxLength(Customer.NameMaxLength).IsRequired();
        builder.Property(c => c.ContactEmail).HasMaxLength(254);
        builder.Property(c => c.Country).HasMaxLength(2).IsRequired();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Owner).WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);

        // The customers list: tenant first, then the keyset (name, id) it pages on.
        builder.HasIndex(c => new { c.OwnerId, c.NormalizedName, c.Id });

        // A provider's list spans its partners' customers: its keyset pages walk these in order instead of sorting
        // 100,000 rows per page (docs/performance.md).
        builder.HasIndex(c => new { c.NormalizedName, c.Id });
        builder.HasIndex(c => new { c.CreatedAt, c.Id });
    }
}

internal sealed class CustomerLicenseConfiguration : IEntityTypeConfiguration<CustomerLicense>
{
    public void Configure(EntityTypeBuilder<CustomerLicense> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasOne(l => l.Customer).WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Plan).WithMany().HasForeignKey(l => l.ServicePlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.ScheduledChanges).WithOne().HasForeignKey(c => c.LicenseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.ScheduledChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(l => l.PendingChange);
        builder.Ignore(l => l.Settings);
        builder.HasIndex(l => new { l.CustomerId, l.ExpiresOn });
        builder.HasIndex(l => l.ExpiresOn);
        // With CustomerId: the customers using a plan (Service Plans list and detail) are read from the index alone.
        builder.HasIndex(l => new { l.ServicePlanId, l.CustomerId });
    }
}

internal sealed class ScheduledLicenseChangeConfiguration : IEntityTypeConfiguration<ScheduledLicenseChange>
{
    public void Configure(EntityTypeBuilder<ScheduledLicenseChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.CreatedBy).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Outcome).HasMaxLength(1000);
        // R23: only the settings the change sets have a value; the others are NULL.
        builder.ComplexProperty(c => c.Changes, s =>
        {
            s.Property(x => x.Units).HasColumnName("Units");
            s.Property(x => x.ExpiresOn).HasColumnName("ExpiresOn");
            s.Property(x => x.AutoRenew).HasColumnName("AutoRenew");
            s.Property(x => x.AutoRenewMonths).HasColumnName("AutoRenewMonths");
            s.Property(x => x.NotifyDaysBefore).HasColumnName("NotifyDaysBefore");
            s.Property(x => x.ManagedByRemoteManager).HasColumnName("ManagedByRemoteManager");
            s.Property(x => x.AddOnEnabled).HasColumnName("AddOnEnabled");
        });

        // The scheduler's claim query: pending changes due on or before today.
        builder.HasIndex(c => new { c.State, c.ApplyOn });
        builder.HasIndex(c => c.LicenseId);
        builder.Ignore(c => c.IsPending);
        builder.Ignore(c => c.Fields);
    }
}
