using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SingleSignOn;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class CompanyIdentityProviderConfiguration : IEntityTypeConfiguration<CompanyIdentityProvider>
{
    public void Configure(EntityTypeBuilder<CompanyIdentityProvider> builder)
    {
        builder.HasKey(p => p.CompanyId);
        builder.Property(p => p.CompanyId).ValueGeneratedNever();
        builder.Property(p => p.Issuer).HasMaxLength(CompanyIdentityProvider.IssuerMaxLength).IsRequired();
        builder.Property(p => p.ClientId).HasMaxLength(CompanyIdentityProvider.ClientIdMaxLength).IsRequired();
        builder.Property(p => p.ProtectedClientSecret).HasMaxLength(2000).IsRequired();
        builder.Property(p => p.DefaultRole).HasMaxLength(256);
        builder.Property(p => p.GroupRoles).HasMaxLength(CompanyIdentityProvider.MaxGroupRoles * (CompanyIdentityProvider.GroupMaxLength + 260));
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.DomainList).HasMaxLength(CompanyIdentityProvider.MaxDomains * 254).IsRequired();
        builder.Ignore(p => p.DomainNames);
        builder.HasOne<Company>().WithOne().HasForeignKey<CompanyIdentityProvider>(p => p.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Domains).WithOne().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Domains).HasField("_domains").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class IdentityProviderDomainConfiguration : IEntityTypeConfiguration<IdentityProviderDomain>
{
    public void Configure(EntityTypeBuilder<IdentityProviderDomain> builder)
    {
        // R26: the key is the domain, so a domain belongs to one company even when two register it at the same moment.
        builder.HasKey(d => d.Domain);
        builder.Property(d => d.Domain).HasMaxLength(253);
        builder.HasIndex(d => d.CompanyId);
    }
}
