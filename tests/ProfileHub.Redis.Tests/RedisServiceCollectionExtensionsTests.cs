using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfileHub.Redis.Caching;
using ProfileHub.Redis.Tests.Infrastructure;

namespace ProfileHub.Redis.Tests;

public sealed class RedisServiceCollectionExtensionsTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddProfileHubRedis(configuration.GetSection("ProfileHub:Redis"));
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task With_configuration_the_cache_uses_a_lazily_connected_redis()
    {
        await using var provider = Build(new()
        {
            ["ProfileHub:Redis:Configuration"] = redis.Endpoint,
            ["ProfileHub:Redis:Cache:MemoryMaxEntries"] = "0",
        });
        var cache = provider.GetRequiredService<TwoLevelCache>();
        var connection = provider.GetRequiredService<RedisConnection>();
        Assert.False(connection.IsConnected);

        await cache.GetOrLoadAsync("di:k", _ => Task.FromResult<CacheLoadResult?>(new CacheLoadResult([1])));
        var second = await cache.GetOrLoadAsync("di:k", _ => Task.FromResult<CacheLoadResult?>(new CacheLoadResult([2])));

        Assert.True(cache.UsesRedis);
        Assert.Equal(CacheLayer.Redis, second.Layer);
    }

    [Fact]
    public async Task Without_configuration_no_redis_is_registered_and_the_cache_is_memory_only()
    {
        await using var provider = Build(new());

        Assert.Null(provider.GetService<RedisConnection>());
        Assert.Null(provider.GetService<RedisSubscriber>());
        Assert.False(provider.GetRequiredService<TwoLevelCache>().UsesRedis);
    }

    [Fact]
    public async Task Invalid_settings_fail_validation_with_messages_naming_the_key()
    {
        await using var provider = Build(new()
        {
            ["ProfileHub:Redis:Configuration"] = "localhost,syncTimeout=soon",
            ["ProfileHub:Redis:Cache:CircuitFailureThreshold"] = "0",
        });

        var redisError = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RedisOptions>>().Value);
        var cacheError = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TwoLevelCacheOptions>>().Value);

        Assert.Contains("ProfileHub:Redis:Configuration", redisError.Message, StringComparison.Ordinal);
        Assert.Contains("syncTimeout=soon", redisError.Message, StringComparison.Ordinal);
        Assert.Contains("ProfileHub:Redis:Cache:CircuitFailureThreshold", cacheError.Message, StringComparison.Ordinal);
    }
}
