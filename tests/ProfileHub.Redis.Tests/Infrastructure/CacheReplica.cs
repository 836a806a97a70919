using ProfileHub.Redis.Caching;

namespace ProfileHub.Redis.Tests.Infrastructure;

/// <summary>A TwoLevelCache with its own connection and subscriber, as one replica would have.</summary>
public sealed class CacheReplica : IAsyncDisposable
{
    private CacheReplica(TwoLevelCache cache, RedisConnection connection, RedisSubscriber subscriber)
    {
        Cache = cache;
        Connection = connection;
        Subscriber = subscriber;
    }

    public TwoLevelCache Cache { get; }

    public RedisConnection Connection { get; }

    public RedisSubscriber Subscriber { get; }

    public static async Task<CacheReplica> StartAsync(string endpoint, TwoLevelCacheOptions? options = null)
    {
        var redisOptions = new RedisOptions
        {
            Configuration = endpoint,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        var connection = await RedisConnection.ConnectAsync(redisOptions);
        var subscriber = new RedisSubscriber(redisOptions);
        // A generous timeout unless a test asks otherwise: the machine running the tests is shared and busy.
        var cache = new TwoLevelCache(options ?? new TwoLevelCacheOptions { RedisCommandTimeout = TimeSpan.FromSeconds(2) }, connection, subscriber);
        await cache.StartAsync();
        return new CacheReplica(cache, connection, subscriber);
    }

    public async ValueTask DisposeAsync()
    {
        await Cache.DisposeAsync();
        await Subscriber.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
