using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IsRequired();
        builder.Property(k => k.Role).HasMaxLength(100).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(20).IsRequired();
        builder.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.CreatedBy).HasMaxLength(200).IsRequired();
        builder.Property(k => k.RevokedBy).HasMaxLength(200);
        builder.Property(k => k.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(k => k.CompanyId).OnDelete(DeleteBehavior.Cascade);

        // R25: a customer's own key; restricted as its users are (the company's cascade already reaches it).
        builder.HasOne<Customer>().WithMany().HasForeignKey(k => k.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => k.CustomerId);

        // Every API request looks its key up by hash.
        builder.HasIndex(k => k.SecretHash).IsUnique();
        builder.HasIndex(k => k.CompanyId);
    }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Key).HasMaxLength(IdempotentRequest.KeyMaxLength).IsRequired();
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Location).HasMaxLength(500);
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Cascade);

        // The uniqueness that makes a concurrent retry lose the race instead of creating twice.
        builder.HasIndex(r => new { r.ApiKeyId, r.Key }).IsUnique();
    }
}
