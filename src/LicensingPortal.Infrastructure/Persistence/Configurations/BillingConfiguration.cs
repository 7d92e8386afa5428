using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.ServicePlans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

/// <summary>
/// R24 (ADR 0019). Unit prices keep 10 decimals (a yearly price's twelfth, a discounted price), amounts 3 (the
/// largest minor unit of a known currency). SQLite stores decimals as text: no SQL sums or comparisons of money,
/// the statement keeps its own <see cref="Statement.Total"/>.
/// </summary>
internal sealed class BillingConfiguration :
    IEntityTypeConfiguration<PlanPrice>,
    IEntityTypeConfiguration<PartnerPrice>,
    IEntityTypeConfiguration<Statement>,
    IEntityTypeConfiguration<StatementLine>,
    IEntityTypeConfiguration<LicenseUsage>,
    IEntityTypeConfiguration<OverProvisionedDay>
{
    public void Configure(EntityTypeBuilder<PlanPrice> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.UnitPrice).HasPrecision(18, 3);
        builder.HasOne<Company>().WithMany().HasForeignKey(p => p.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServicePlan>().WithMany().HasForeignKey(p => p.ServicePlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ServicePlanId, p.EffectiveFrom });
        builder.Ignore(p => p.MonthlyUnitPrice);
    }

    public void Configure(EntityTypeBuilder<PartnerPrice> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.UnitPrice).HasPrecision(18, 3);
        builder.Property(p => p.DiscountPercent).HasPrecision(5, 2);
        builder.HasOne<Company>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServicePlan>().WithMany().HasForeignKey(p => p.ServicePlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.PartnerId, p.EffectiveFrom });
    }

    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.CurrencyCode).HasMaxLength(3).IsRequired();
        builder.Property(s => s.SubmittedBy).HasMaxLength(200);
        builder.Property(s => s.DecidedBy).HasMaxLength(200);
        builder.Property(s => s.RejectionReason).HasMaxLength(Statement.ReasonMaxLength);
        builder.Property(s => s.Total).HasPrecision(18, 3);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CompanyId, s.Month }).IsUnique();
        builder.HasIndex(s => new { s.ProviderId, s.Month, s.State });
        builder.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(s => s.LastDay);
        builder.Ignore(s => s.IsFrozen);
    }

    public void Configure(EntityTypeBuilder<StatementLine> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.CustomerName).HasMaxLength(Company.NameMaxLength).IsRequired();
        builder.Property(l => l.PlanName).HasMaxLength(ServicePlan.NameMaxLength).IsRequired();
        builder.Property(l => l.Comment).HasMaxLength(StatementLine.CommentMaxLength);
        builder.Property(l => l.MonthlyUnitPrice).HasPrecision(28, 10);
        builder.Property(l => l.Amount).HasPrecision(18, 3);
        builder.Ignore(l => l.Chargeable);
        builder.HasIndex(l => new { l.StatementId, l.CustomerName });
    }

    public void Configure(EntityTypeBuilder<LicenseUsage> builder)
    {
        builder.HasKey(u => new { u.LicenseId, u.Day });
        builder.Property(u => u.Version).IsConcurrencyToken();
        builder.HasOne<CustomerLicense>().WithMany().HasForeignKey(u => u.LicenseId).OnDelete(DeleteBehavior.Cascade);
    }

    /// <summary>
    /// Unique per license and day: a report racing another for the same day cannot alert twice. (At, Id): the
    /// notification and webhook jobs read the new rows after their cursors (EventSource.After).
    /// </summary>
    public void Configure(EntityTypeBuilder<OverProvisionedDay> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<CustomerLicense>().WithMany().HasForeignKey(d => d.LicenseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Company>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.LicenseId, d.Day }).IsUnique();
        builder.HasIndex(d => new { d.At, d.Id });
    }
}
