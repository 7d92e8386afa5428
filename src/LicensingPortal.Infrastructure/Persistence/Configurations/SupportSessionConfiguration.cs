using LicensingPortal.Domain.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class SupportSessionConfiguration : IEntityTypeConfiguration<SupportSession>
{
    public void Configure(EntityTypeBuilder<SupportSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.SupportUserName).HasMaxLength(200).IsRequired();
        builder.Property(s => s.CompanyName).HasMaxLength(200).IsRequired();
        builder.Property(s => s.Reason).HasMaxLength(SupportSession.ReasonMaxLength).IsRequired();
        builder.Property(s => s.ConsentGivenByName).HasMaxLength(200);
        builder.Property(s => s.Version).IsConcurrencyToken();

        // The company's support access page (newest first), and the engineer's running session.
        builder.HasIndex(s => new { s.CompanyId, s.StartedAt });
        builder.HasIndex(s => new { s.SupportUserId, s.ExpiresAt });
    }
}
