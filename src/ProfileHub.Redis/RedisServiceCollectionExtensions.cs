using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfileHub.Redis.Caching;

namespace ProfileHub.Redis;

/// <summary>Registers the Redis client and the two-level cache.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="RedisOptions"/> from <paramref name="section"/> (usually <c>ProfileHub:Redis</c>)
    /// and <see cref="TwoLevelCacheOptions"/> from its <c>Cache</c> child, both validated at start-up.
    /// When <c>Configuration</c> is non-empty, registers a lazily connected singleton
    /// <see cref="RedisConnection"/> and <see cref="RedisSubscriber"/>; always registers the
    /// singleton <see cref="TwoLevelCache"/> (L1 only without Redis) and a hosted service that
    /// subscribes it to cross-replica invalidations.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The <c>ProfileHub:Redis</c> configuration section.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddProfileHubRedis(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var path = section is IConfigurationSection named ? named.Path : RedisOptions.SectionName;
        var cacheSection = section.GetSection("Cache");

        services.AddOptions<RedisOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>>(new RedisOptionsValidator(path));
        services.AddOptions<TwoLevelCacheOptions>().Bind(cacheSection).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwoLevelCacheOptions>>(new TwoLevelCacheOptionsValidator(path + ":Cache"));

        if (!string.IsNullOrWhiteSpace(section["Configuration"]))
        {
            services.AddSingleton(provider => new RedisConnection(
                provider.GetRequiredService<IOptions<RedisOptions>>().Value,
                provider.GetService<ILogger<RedisConnection>>()));
            services.AddSingleton(provider => new RedisSubscriber(
                provider.GetRequiredService<IOptions<RedisOptions>>().Value,
                provider.GetService<ILogger<RedisSubscriber>>()));
        }

        services.AddSingleton(provider => new TwoLevelCache(
            provider.GetRequiredService<IOptions<TwoLevelCacheOptions>>().Value,
            provider.GetService<RedisConnection>(),
            provider.GetService<RedisSubscriber>(),
            provider.GetService<ILogger<TwoLevelCache>>(),
            provider.GetService<IMeterFactory>()));
        services.AddHostedService<TwoLevelCacheStartup>();
        return services;
    }
}
