using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(Company.NameMaxLength).IsRequired();
        builder.Property(c => c.ContactName).HasMaxLength(150);
        builder.Property(c => c.ContactEmail).HasMaxLength(254);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.Address).HasMaxLength(300);
        builder.Property(c => c.Country).HasMaxLength(2).IsRequired();
        builder.Property(c => c.DataCenter).HasMaxLength(4).IsRequired();

        // R24, added in version 2: existing providers get USD and the 5th.
        builder.Property(c => c.BillingCurrency).HasMaxLength(3).IsRequired().HasDefaultValue("USD");
        builder.Property(c => c.StatementDeadlineDay).HasDefaultValue(Company.DefaultStatementDeadlineDay);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ProviderId, c.Name }).IsUnique();
        builder.HasIndex(c => new { c.ProviderId, c.Status, c.Type });

        // R24: a status move appends its row through the company (saved with it); the rows are read from their table.
        builder.HasMany<CompanyStatusChange>("_statusChanges").WithOne().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation("_statusChanges").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CompanyStatusChangeConfiguration : IEntityTypeConfiguration<CompanyStatusChange>
{
    public void Configure(EntityTypeBuilder<CompanyStatusChange> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Ignore(s => s.Day);

        // A statement reads its buyer's moves up to the month's end.
        builder.HasIndex(s => new { s.CompanyId, s.At });
    }
}
