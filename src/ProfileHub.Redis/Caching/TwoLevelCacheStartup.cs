using Microsoft.Extensions.Hosting;

namespace ProfileHub.Redis.Caching;

/// <summary>Starts the invalidation subscription when the host starts, without delaying start-up on a slow or absent Redis.</summary>
internal sealed class TwoLevelCacheStartup(TwoLevelCache cache) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = cache.StartAsync(CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
