using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProfileHub.Grpc;

namespace ProfileHub.Grpc.TestHost;

/// <summary>Maps <see cref="EchoService"/> (also used by the in-process end-to-end tests).</summary>
public static class EchoEndpointRouteBuilderExtensions
{
    public static IEndpointConventionBuilder MapEchoService(this IEndpointRouteBuilder endpoints)
    {
        var echo = endpoints.ServiceProvider.GetService<EchoService>() ?? new EchoService();
        return endpoints.MapGrpcService(EchoReflection.Descriptor.Services[0], binder => binder
            .Unary<EchoRequest, EchoResponse>("Echo", echo.Echo)
            .ServerStreaming<StreamRequest, EchoResponse>("ServerStream", echo.ServerStream)
            .ClientStreaming<EchoRequest, EchoResponse>("ClientStream", echo.ClientStream)
            .DuplexStreaming<EchoRequest, EchoResponse>("Bidi", echo.Bidi)
            .Unary<LookupRequest, LookupResponse>("Lookup", echo.Lookup));
    }
}
