using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Domain.SuiteChanges;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class ServicePlanConfiguration : IEntityTypeConfiguration<ServicePlan>
{
    public void Configure(EntityTypeBuilder<ServicePlan> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(ServicePlan.NameMaxLength).IsRequired();
        builder.Property(p => p.NormalizedName).HasMaxLength(ServicePlan.NameMaxLength).IsRequired();
        builder.HasIndex(p => new { p.OwnerId, p.NormalizedName }).IsUnique();
        builder.HasIndex(p => p.ProductId);
        builder.ComplexProperty(p => p.Period, period =>
        {
            period.Property(x => x.Length).HasColumnName("PeriodLength");
            period.Property(x => x.Unit).HasColumnName("PeriodUnit");
        });
        builder.Property(p => p.ChargingPolicy).HasDefaultValue(Domain.Billing.ChargingPolicy.Provisioned);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Product).WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceLevel>().WithMany().HasForeignKey(p => p.ServiceLevelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SuiteCompositionChange>().WithMany().HasForeignKey(p => p.LockedBySuiteChangeId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.IsLocked);
        builder.Ignore(p => p.EffectiveLifecycle);
    }
}

internal sealed class ResellerPlanAssignmentConfiguration : IEntityTypeConfiguration<ResellerPlanAssignment>
{
    public void Configure(EntityTypeBuilder<ResellerPlanAssignment> builder)
    {
        builder.HasKey(a => new { a.ResellerId, a.ServicePlanId });
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.ResellerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ServicePlan>().WithMany().HasForeignKey(a => a.ServicePlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
