using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class LicenseRequestConfiguration : IEntityTypeConfiguration<LicenseRequest>
{
    public void Configure(EntityTypeBuilder<LicenseRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.Summary).HasMaxLength(LicenseRequest.SummaryMaxLength).IsRequired();
        builder.Property(r => r.Comment).HasMaxLength(LicenseRequest.CommentMaxLength).IsRequired();
        builder.Property(r => r.RequestedBy).HasMaxLength(200).IsRequired();
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.Property(r => r.DeclineReason).HasMaxLength(LicenseRequest.ReasonMaxLength);
        builder.Property(r => r.RefusalCode).HasMaxLength(10);
        builder.Property(r => r.Refusal).HasMaxLength(1000);
        builder.Ignore(r => r.IsOpen);
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CustomerLicense>().WithMany().HasForeignKey(r => r.LicenseId).OnDelete(DeleteBehavior.Cascade);

        // The queue and its menu count: a company's requests by state, newest first.
        builder.HasIndex(r => new { r.CompanyId, r.State, r.RequestedAt });

        // The customer's own list, and "one open request per license".
        builder.HasIndex(r => new { r.LicenseId, r.State });
        builder.HasIndex(r => new { r.CustomerId, r.RequestedAt });
    }
}
