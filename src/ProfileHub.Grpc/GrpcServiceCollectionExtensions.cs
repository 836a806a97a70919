using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProfileHub.Grpc.Internal;

namespace ProfileHub.Grpc;

/// <summary>Registers the gRPC transport in DI.</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>Registers the transport (options, routing, exception mapping). Safe to call more than once.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts <see cref="GrpcServerOptions"/>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddGrpcTransport(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddRouting();
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<GrpcServerRuntime>();
        services.TryAddSingleton<UnimplementedEndpoint>();
        return services;
    }

    /// <summary>
    /// Adds an interceptor (a singleton) to every call. Interceptors run in registration order, the first
    /// registered outermost.
    /// </summary>
    /// <typeparam name="T">The interceptor.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddGrpcInterceptor<T>(this IServiceCollection services)
        where T : class, IGrpcServerInterceptor
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<T>();
        services.AddSingleton<IGrpcServerInterceptor>(static provider => provider.GetRequiredService<T>());
        return services;
    }

    /// <summary>Adds an exception mapper (a singleton); mappers are asked in registration order.</summary>
    /// <typeparam name="T">The mapper.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddGrpcExceptionMapper<T>(this IServiceCollection services)
        where T : class, IGrpcExceptionMapper
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IGrpcExceptionMapper, T>();
        return services;
    }

    /// <summary>Registers <see cref="GrpcHealthStatus"/> for grpc.health.v1 (map it with MapGrpcHealth).</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddGrpcHealth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<GrpcHealthStatus>();
        return services;
    }
}
