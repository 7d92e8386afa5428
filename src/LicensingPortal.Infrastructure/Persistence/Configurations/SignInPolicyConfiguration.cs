using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SignInPolicies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class SignInPolicyConfiguration : IEntityTypeConfiguration<SignInPolicy>
{
    public void Configure(EntityTypeBuilder<SignInPolicy> builder)
    {
        builder.HasKey(p => p.CompanyId);
        builder.Property(p => p.CompanyId).ValueGeneratedNever();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.Settings);
        builder.HasOne<Company>().WithOne().HasForeignKey<SignInPolicy>(p => p.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}
