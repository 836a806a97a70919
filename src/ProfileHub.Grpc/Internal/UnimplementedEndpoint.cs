using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ProfileHub.Grpc.Internal;

/// <summary>Answers UNIMPLEMENTED for methods that are in a descriptor but unbound, and for any unknown "/service/method".</summary>
internal sealed class UnimplementedEndpoint(GrpcServiceRegistry registry)
{
    public const string ServiceRouteValue = "grpcService";

    public static Task HandleUnboundMethodAsync(HttpContext httpContext)
    {
        if (ProtocolValidation.TryAccept(httpContext))
        {
            GrpcResponseWriter.WriteTrailersOnly(httpContext.Response, StatusCodes.Status200OK, StatusCode.Unimplemented, "Method is unimplemented.");
        }

        return Task.CompletedTask;
    }

    public Task HandleUnknownPathAsync(HttpContext httpContext)
    {
        if (ProtocolValidation.TryAccept(httpContext))
        {
            var service = httpContext.GetRouteValue(ServiceRouteValue) as string;
            var detail = service is not null && registry.Contains(service) ? "Method is unimplemented." : "Service is unimplemented.";
            GrpcResponseWriter.WriteTrailersOnly(httpContext.Response, StatusCodes.Status200OK, StatusCode.Unimplemented, detail);
        }

        return Task.CompletedTask;
    }
}
