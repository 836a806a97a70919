using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Grpc.Tests.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, plus a client channel to it.</summary>
public sealed class TestGrpcServer : IAsyncDisposable
{
    private TestGrpcServer(WebApplication app, string address)
    {
        App = app;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    public WebApplication App { get; }

    public string Address { get; }

    public GrpcChannel Channel { get; }

    public static async Task<TestGrpcServer> StartAsync(
        Action<WebApplicationBuilder>? configure,
        Action<WebApplication> map,
        HttpProtocols protocols = HttpProtocols.Http2,
        X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.UseGrpcDefaults();
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = protocols;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        builder.Services.AddGrpcTransport();
        builder.Services.AddGrpcHealth();
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestGrpcServer(app, address);
    }

    /// <summary>An HttpClient speaking HTTP/2 with prior knowledge, for raw protocol checks.</summary>
    public static HttpClient CreateRawHttp2Client() => new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
