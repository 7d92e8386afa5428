using LicensingPortal.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class LicenseTransactionConfiguration : IEntityTypeConfiguration<LicenseTransaction>
{
    public void Configure(EntityTypeBuilder<LicenseTransaction> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.CustomerName).HasMaxLength(150).IsRequired();
        builder.Property(t => t.PlanName).HasMaxLength(150).IsRequired();
        builder.Property(t => t.ActorName).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Before).HasMaxLength(2000);
        builder.Property(t => t.After).HasMaxLength(2000);
        builder.Property(t => t.Note).HasMaxLength(1000);

        // The Transactions report: a company's newest first; and a license's history.
        builder.HasIndex(t => new { t.CompanyId, t.At });
        builder.HasIndex(t => new { t.LicenseId, t.At });
        builder.HasIndex(t => new { t.CustomerId, t.At });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ActorName).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(100).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(100);
        builder.Property(a => a.Before).HasMaxLength(2000);
        builder.Property(a => a.After).HasMaxLength(2000);
        builder.Property(a => a.RequestId).HasMaxLength(100);
        builder.HasIndex(a => new { a.CompanyId, a.At });
    }
}
