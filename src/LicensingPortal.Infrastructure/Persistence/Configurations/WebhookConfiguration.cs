using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
        builder.Property(e => e.ProtectedSecret).HasMaxLength(1000).IsRequired();
        builder.Property(e => e.DisabledReason).HasMaxLength(500);
        builder.Property(e => e.CreatedBy).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.CompanyId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventKey).HasMaxLength(WebhookDelivery.KeyMaxLength).IsRequired();
        builder.Property(d => d.Payload).IsRequired();
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);

        // Exactly once: a re-run or another node creating the same event for the same endpoint fails here.
        builder.HasIndex(d => new { d.EndpointId, d.EventKey }).IsUnique();

        // The sender's scan, and an endpoint's delivery log (newest first).
        builder.HasIndex(d => new { d.State, d.DueAt });
        builder.HasIndex(d => new { d.EndpointId, d.CreatedAt });

        // The retention purge: the oldest last attempts first (WebhookJob.PurgeAsync).
        builder.HasIndex(d => d.LastAttemptAt);
    }
}
