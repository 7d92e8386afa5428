using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LicensingPortal.Infrastructure.Jobs;

/// <summary>
/// Runs <see cref="LicenseScheduler"/>, <see cref="MonthCloseJob"/> (R24), then <see cref="NotificationJob"/> (R20: what the scheduler just did is
/// announced in the same tick) and <see cref="WebhookJob"/> (ADR 0011) every <c>Scheduler:IntervalSeconds</c> while <c>Scheduler:Enabled</c>.
/// </summary>
public sealed class SchedulerService(
    LicenseScheduler scheduler, MonthCloseJob monthClose, NotificationJob notifications, WebhookJob webhooks, IConfiguration configuration, TimeProvider clock, ILogger<SchedulerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Scheduler:Enabled", true))
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(Math.Max(5, configuration.GetValue("Scheduler:IntervalSeconds", 60)));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await scheduler.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduler run failed; it runs again in {Interval}", interval);
            }

            try
            {
                await monthClose.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Month close failed; it runs again in {Interval}", interval);
            }

            try
            {
                await notifications.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Notification run failed; it runs again in {Interval}", interval);
            }

            try
            {
                await webhooks.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Webhook run failed; it runs again in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
