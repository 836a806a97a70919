using Microsoft.Extensions.Options;
using ProfileHub.Server.Application;
using ProfileHub.Server.Logging;
using ProfileHub.Storage;

namespace ProfileHub.Server.Jobs;

/// <summary>
/// Reads the store's aggregate counts on a timer for the profile and shared-identifier gauges, so a
/// metrics scrape never runs a query against the store itself.
/// </summary>
internal sealed class StoreStatisticsPoller(IProfileStore store, ServerMetrics metrics, TimeProvider time, IOptions<JobOptions> options, ILogger<StoreStatisticsPoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StatisticsInterval, time);
        do
        {
            try
            {
                metrics.Publish(await store.GetStatisticsAsync(stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Gauges keep their last values; the next tick tries again.
                ServerLog.StatisticsFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
