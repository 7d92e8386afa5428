using LicensingPortal.Domain.Branding;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class CompanyBrandConfiguration : IEntityTypeConfiguration<CompanyBrand>
{
    public void Configure(EntityTypeBuilder<CompanyBrand> builder)
    {
        builder.HasKey(b => b.CompanyId);
        builder.Property(b => b.CompanyId).ValueGeneratedNever();
        builder.Property(b => b.DisplayName).HasMaxLength(CompanyBrand.DisplayNameMaxLength).IsRequired();
        builder.Property(b => b.Colour).HasMaxLength(7).IsRequired();
        builder.Property(b => b.HostName).HasMaxLength(BrandHostName.MaxLength);
        builder.Property(b => b.Logo).HasMaxLength(BrandLogo.MaxBytes);
        builder.Property(b => b.LogoContentType).HasMaxLength(20);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithOne().HasForeignKey<CompanyBrand>(b => b.CompanyId).OnDelete(DeleteBehavior.Cascade);

        // R25: one company per host name; the sign-in page finds the brand by it.
        builder.HasIndex(b => b.HostName).IsUnique();
    }
}
