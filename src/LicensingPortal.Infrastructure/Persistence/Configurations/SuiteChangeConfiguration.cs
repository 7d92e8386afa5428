using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SuiteChanges;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class SuiteCompositionChangeConfiguration : IEntityTypeConfiguration<SuiteCompositionChange>
{
    public void Configure(EntityTypeBuilder<SuiteCompositionChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ComponentsAdded).HasMaxLength(1000).IsRequired();
        builder.Property(c => c.ComponentsRemoved).HasMaxLength(1000).IsRequired();
        builder.Property(c => c.ComponentsBefore).HasMaxLength(2000).IsRequired();
        builder.Property(c => c.ComponentsAfter).HasMaxLength(2000).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(1000);
        builder.Property(c => c.RecordedBy).HasMaxLength(200).IsRequired();
        builder.HasOne(c => c.Product).WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Approvals).WithOne().HasForeignKey(a => a.SuiteChangeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Approvals).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SuiteChangeApprovalConfiguration : IEntityTypeConfiguration<SuiteChangeApproval>
{
    public void Configure(EntityTypeBuilder<SuiteChangeApproval> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ApprovedBy).HasMaxLength(200).IsRequired();
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);

        // R5: one approval per owner per change, even with two admins clicking at once.
        builder.HasIndex(a => new { a.SuiteChangeId, a.OwnerId }).IsUnique();
    }
}
