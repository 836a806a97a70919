using ProfileHub.Redis;
using ProfileHub.Server.Application;

namespace ProfileHub.Server.Extensions;

/// <summary>Registers the profile cache: in-process L1 always, Redis L2 when configured.</summary>
internal static class CachingServiceCollectionExtensions
{
    public static IServiceCollection AddProfileHubCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProfileHubRedis(configuration.GetSection(RedisOptions.SectionName));
        services.AddSingleton<ProfileCache>();
        services.AddHostedService<CacheHealthReporter>();
        return services;
    }
}
