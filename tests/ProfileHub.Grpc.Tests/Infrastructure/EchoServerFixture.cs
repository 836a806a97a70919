using Microsoft.Extensions.DependencyInjection;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.TestHost;

namespace ProfileHub.Grpc.Tests.Infrastructure;

/// <summary>EchoService, health and reflection on one real Kestrel server, shared by a test class.</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    private TestGrpcServer? _server;

    public static readonly Method<EchoRequest, EchoResponse> Echo = Method<EchoRequest, EchoResponse>.Create(EchoReflection.Descriptor.Services[0], "Echo");
    public static readonly Method<StreamRequest, EchoResponse> ServerStream = Method<StreamRequest, EchoResponse>.Create(EchoReflection.Descriptor.Services[0], "ServerStream");
    public static readonly Method<EchoRequest, EchoResponse> ClientStream = Method<EchoRequest, EchoResponse>.Create(EchoReflection.Descriptor.Services[0], "ClientStream");
    public static readonly Method<EchoRequest, EchoResponse> Bidi = Method<EchoRequest, EchoResponse>.Create(EchoReflection.Descriptor.Services[0], "Bidi");
    public static readonly Method<LookupRequest, LookupResponse> Lookup = Method<LookupRequest, LookupResponse>.Create(EchoReflection.Descriptor.Services[0], "Lookup");

    public TestGrpcServer Server => _server ?? throw new InvalidOperationException("Fixture not started.");

    public GrpcChannel Channel => Server.Channel;

    public CallProbe Probe => Server.App.Services.GetRequiredService<CallProbe>();

    public async Task InitializeAsync()
    {
        _server = await TestGrpcServer.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<CallProbe>();
                builder.Services.AddGrpcInterceptor<OuterProbeInterceptor>();
                builder.Services.AddGrpcInterceptor<InnerProbeInterceptor>();
                builder.Services.AddGrpcInterceptor<GrpcMetricsInterceptor>();
                builder.Services.AddGrpcInterceptor<GrpcCallLoggingInterceptor>();
            },
            app =>
            {
                app.MapEchoService();
                app.MapGrpcHealth();
                app.MapGrpcReflection();
            });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
