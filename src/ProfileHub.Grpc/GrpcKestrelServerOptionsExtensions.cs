using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ProfileHub.Grpc;

/// <summary>Kestrel settings for a gRPC server.</summary>
public static class GrpcKestrelServerOptionsExtensions
{
    /// <summary>
    /// Makes every endpoint HTTP/2 (so a plain <c>--urls http://host:port</c> serves h2c with prior knowledge),
    /// widens HTTP/2 flow-control windows for 4 MiB messages, and lifts limits that break long-lived streams
    /// (minimum body data rates, the 30 MB request body cap).
    /// </summary>
    /// <param name="options">Kestrel options.</param>
    /// <returns>The options.</returns>
    public static KestrelServerOptions UseGrpcDefaults(this KestrelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2);
        options.AddServerHeader = false;
        options.Limits.MinRequestBodyDataRate = null;
        options.Limits.MinResponseDataRate = null;
        options.Limits.MaxRequestBodySize = null;
        options.Limits.Http2.MaxStreamsPerConnection = 256;
        options.Limits.Http2.InitialConnectionWindowSize = 2 * 1024 * 1024;
        options.Limits.Http2.InitialStreamWindowSize = 1024 * 1024;
        options.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromMinutes(1);
        options.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
        return options;
    }
}
