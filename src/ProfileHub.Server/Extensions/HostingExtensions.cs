using Microsoft.AspNetCore.Hosting.Server.Features;
using ProfileHub.Grpc;
using ProfileHub.Server.Security;

namespace ProfileHub.Server.Extensions;

/// <summary>Kestrel and host settings shared by every ProfileHub deployment.</summary>
internal static class HostingExtensions
{
    /// <summary>Where ProfileHub listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static WebApplicationBuilder AddProfileHubHosting(this WebApplicationBuilder builder)
    {
        // ASP.NET Core would default to localhost:5000 (both address families); ProfileHub's
        // documented default is the IPv4 loopback only, so nothing is exposed by accident.
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, DefaultUrl);
        }

        // Every endpoint speaks HTTP/2 so cleartext gRPC (h2c) works on any URL given.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.UseGrpcDefaults());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.AddProfileHubSecurity();
        return builder;
    }

    /// <summary>The addresses Kestrel actually bound (port 0 resolved), for the start-up log line.</summary>
    public static IReadOnlyCollection<string> BoundAddresses(this WebApplication app) =>
        app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
}
