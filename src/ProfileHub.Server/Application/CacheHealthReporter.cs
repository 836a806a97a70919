using ProfileHub.Grpc;

namespace ProfileHub.Server.Application;

/// <summary>
/// Publishes the Redis circuit state as its own health entry (<see cref="ServiceName"/>), so an
/// outage is visible to operators while the service itself stays SERVING from the store.
/// </summary>
internal sealed class CacheHealthReporter(ProfileCache cache, GrpcHealthStatus health) : BackgroundService
{
    public const string ServiceName = "profilehub.cache.redis";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!cache.UsesRedis)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            var usable = await cache.ProbeRedisAsync(stoppingToken);
            if (!health.IsShutDown)
            {
                health.SetStatus(ServiceName, usable ? HealthStatus.Serving : HealthStatus.NotServing);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
