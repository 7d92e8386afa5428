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

        // The Transactions report: a company's newest first; a customer's. (At, Id): the notification and webhook jobs
        // read every transaction since their cursor in that order (EventSource.After), on every node every minute, and the provider's dashboard
        // shows the newest; new rows land at its end. It replaced (LicenseId, At), which no query read and which the
        // nightly job paid for with a write at a random place per transaction (docs/performance.md, fifth pass).
        builder.HasIndex(t => new { t.CompanyId, t.At });
        builder.HasIndex(t => new { t.CustomerId, t.At });
        builder.HasIndex(t => new { t.At, t.Id });
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
        builder.Property(a => a.ClientIp).HasMaxLength(AuditChannel.ClientIpMaxLength);
        builder.Property(a => a.Channel).HasMaxLength(AuditChannel.MaxLength);
        builder.HasIndex(a => new { a.CompanyId, a.At });

        // R26: the viewed company's audit log also shows what provider support did acting as it.
        builder.HasIndex(a => new { a.ActingAsCompanyId, a.At });
        builder.HasIndex(a => new { a.At, a.Id }); // the notification and webhook jobs' cursor (EventSource.After)
    }
}
