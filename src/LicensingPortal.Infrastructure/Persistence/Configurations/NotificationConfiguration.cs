using LicensingPortal.Domain.Notifications;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicensingPortal.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Key).HasMaxLength(Notification.KeyMaxLength).IsRequired();
        builder.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength).IsRequired();
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength).IsRequired();
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(n => n.RecipientUserId).OnDelete(DeleteBehavior.Cascade);

        // R20 exactly once: a re-run or another node inserting the same notice for the same user fails here.
        builder.HasIndex(n => new { n.RecipientUserId, n.Key }).IsUnique();

        // The bell and the list: a user's notifications, newest first / unread.
        builder.HasIndex(n => new { n.RecipientUserId, n.CreatedAt });
        builder.HasIndex(n => new { n.RecipientUserId, n.ReadAt });

        // Retention deletes by age across all recipients, once a day.
        builder.HasIndex(n => n.CreatedAt);
    }
}

internal sealed class NotificationOptOutConfiguration : IEntityTypeConfiguration<NotificationOptOut>
{
    public void Configure(EntityTypeBuilder<NotificationOptOut> builder)
    {
        builder.HasKey(o => new { o.UserId, o.Kind });
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.To).HasMaxLength(256).IsRequired();
        builder.Property(e => e.Subject).HasMaxLength(1000).IsRequired();
        builder.Property(e => e.HtmlBody).IsRequired();
        builder.Property(e => e.LastError).HasMaxLength(1000);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasOne<Notification>().WithMany().HasForeignKey(e => e.NotificationId).OnDelete(DeleteBehavior.Cascade);

        // One email per notification, whatever runs twice.
        builder.HasIndex(e => e.NotificationId).IsUnique();

        // The sender's scan: what is due, oldest first.
        builder.HasIndex(e => new { e.State, e.DueAt });
        builder.HasIndex(e => new { e.CompanyId, e.CreatedAt });
    }
}

internal sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> builder)
    {
        builder.HasKey(t => new { t.ProviderId, t.Kind });
        builder.Property(t => t.Subject).HasMaxLength(NotificationTemplate.SubjectMaxLength).IsRequired();
        builder.Property(t => t.Body).HasMaxLength(NotificationTemplate.BodyMaxLength).IsRequired();
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne<Domain.Partners.Company>().WithMany().HasForeignKey(t => t.ProviderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationCursorConfiguration : IEntityTypeConfiguration<NotificationCursor>
{
    public void Configure(EntityTypeBuilder<NotificationCursor> builder)
    {
        builder.HasKey(c => c.Source);
        builder.Property(c => c.Source).HasMaxLength(50);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
