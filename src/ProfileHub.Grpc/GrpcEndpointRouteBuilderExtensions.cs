using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProfileHub.Grpc.Internal;

namespace ProfileHub.Grpc;

/// <summary>Maps gRPC services onto ASP.NET Core endpoint routing.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <paramref name="descriptor"/> to "/package.Service/Method". Methods bound in
    /// <paramref name="bind"/> run their handler; the others answer UNIMPLEMENTED, as does any unknown
    /// "/service/method" path.
    /// </summary>
    /// <param name="endpoints">The route builder (the WebApplication).</param>
    /// <param name="descriptor">The generated service descriptor, e.g. <c>EchoReflection.Descriptor.Services[0]</c>.</param>
    /// <param name="bind">Binds typed handlers.</param>
    /// <returns>A builder whose conventions (such as RequireAuthorization) apply to every method of the service.</returns>
    /// <exception cref="InvalidOperationException">A bind does not match the descriptor, the service is mapped twice, or AddGrpcTransport was not called.</exception>
    public static IEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, ServiceDescriptor descriptor, Action<GrpcServiceBinder> bind)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(bind);
        var runtime = endpoints.ServiceProvider.GetService<GrpcServerRuntime>()
            ?? throw new InvalidOperationException("Call services.AddGrpcTransport() before mapping gRPC services.");
        var binder = new GrpcServiceBinder(descriptor);
        bind(binder);
        runtime.Registry.Add(descriptor);
        var unimplemented = endpoints.ServiceProvider.GetRequiredService<UnimplementedEndpoint>();
        var builders = new List<IEndpointConventionBuilder>(descriptor.Methods.Count);
        foreach (var method in descriptor.Methods)
        {
            var path = "/" + descriptor.FullName + "/" + method.Name;
            var handler = binder.Bindings.TryGetValue(method.Name, out var binding)
                ? binding.CreateEndpoint(runtime, path).HandleAsync
                : (Microsoft.AspNetCore.Http.RequestDelegate)UnimplementedEndpoint.HandleUnboundMethodAsync;
            builders.Add(endpoints.Map(path, handler).WithDisplayName("gRPC " + path));
        }

        MapUnknownPaths(endpoints, runtime.Registry, unimplemented);
        endpoints.ServiceProvider.GetService<GrpcHealthStatus>()?.SetStatus(descriptor.FullName, HealthStatus.Serving);
        return new GrpcServiceConventionBuilder(builders);
    }

    /// <summary>Maps grpc.health.v1.Health (Check, Watch). Requires <see cref="GrpcServiceCollectionExtensions.AddGrpcHealth"/>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>A builder for the health endpoints.</returns>
    public static IEndpointConventionBuilder MapGrpcHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var health = endpoints.ServiceProvider.GetService<GrpcHealthStatus>()
            ?? throw new InvalidOperationException("Call services.AddGrpcHealth() before MapGrpcHealth().");
        var service = new HealthService(health);
        endpoints.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(health.EnterShutdown);
        return endpoints.MapGrpcService(global::Grpc.Health.V1.HealthReflection.Descriptor.Services[0], binder => binder
            .WithoutShutdownCancellation()
            .Unary<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse>("Check", service.Check)
            .ServerStreaming<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse>("Watch", service.WatchAsync));
    }

    /// <summary>Maps grpc.reflection.v1alpha.ServerReflection over every service mapped on this server.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>A builder for the reflection endpoint.</returns>
    public static IEndpointConventionBuilder MapGrpcReflection(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var runtime = endpoints.ServiceProvider.GetService<GrpcServerRuntime>()
            ?? throw new InvalidOperationException("Call services.AddGrpcTransport() before MapGrpcReflection().");
        var service = new ReflectionService(runtime.Registry);
        return endpoints.MapGrpcService(global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor.Services[0], binder => binder
            .DuplexStreaming<global::Grpc.Reflection.V1Alpha.ServerReflectionRequest, global::Grpc.Reflection.V1Alpha.ServerReflectionResponse>("ServerReflectionInfo", service.ServerReflectionInfoAsync));
    }

    private static void MapUnknownPaths(IEndpointRouteBuilder endpoints, GrpcServiceRegistry registry, UnimplementedEndpoint unimplemented)
    {
        if (registry.CatchAllMapped)
        {
            return;
        }

        registry.CatchAllMapped = true;
        // Lowest priority: any route the host maps (health probes, /metrics) wins over this.
        var pattern = RoutePatternFactory.Parse(
            "/{" + UnimplementedEndpoint.ServiceRouteValue + "}/{grpcMethod}",
            defaults: null,
            parameterPolicies: new RouteValueDictionary { ["grpcMethod"] = new UnknownMethodSegmentPolicy(registry) });
        endpoints.Map(pattern, unimplemented.HandleUnknownPathAsync)
            .WithDisplayName("gRPC unimplemented")
            .Add(builder => ((RouteEndpointBuilder)builder).Order = int.MaxValue);
    }
}
