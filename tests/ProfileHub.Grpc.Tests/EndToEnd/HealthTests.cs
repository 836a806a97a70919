using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.Tests.Infrastructure;
using ProfileHub.Grpc.TestHost;

namespace ProfileHub.Grpc.Tests.EndToEnd;

public class HealthTests
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Check = Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Check");
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Watch = Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Watch");

    private static Task<TestGrpcServer> StartAsync() => TestGrpcServer.StartAsync(null, app =>
    {
        app.MapEchoService();
        app.MapGrpcHealth();
    });

    [Theory]
    [InlineData("")]
    [InlineData("profilehub.testing.v1.EchoService")]
    [InlineData("grpc.health.v1.Health")]
    public async Task The_server_and_every_mapped_service_report_serving(string service)
    {
        await using var server = await StartAsync();

        var response = await server.Channel.UnaryAsync(Check, new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Checking_an_unknown_service_is_not_found()
    {
        await using var server = await StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync(Check, new HealthCheckRequest { Service = "no.such.Service" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Check_reflects_statuses_set_by_the_host()
    {
        await using var server = await StartAsync();
        server.App.Services.GetRequiredService<GrpcHealthStatus>().SetStatus("profilehub.testing.v1.EchoService", HealthStatus.NotServing);

        var response = await server.Channel.UnaryAsync(Check, new HealthCheckRequest { Service = "profilehub.testing.v1.EchoService" });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, response.Status);
    }

    [Fact]
    public async Task Watch_sends_the_current_status_then_each_change()
    {
        await using var server = await StartAsync();
        var health = server.App.Services.GetRequiredService<GrpcHealthStatus>();
        using var call = server.Channel.ServerStreaming(Watch, new HealthCheckRequest { Service = "custom.Service" });

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.ServiceUnknown, call.ResponseStream.Current.Status);
        health.SetStatus("custom.Service", HealthStatus.Serving);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, call.ResponseStream.Current.Status);
        health.SetStatus("custom.Service", HealthStatus.NotServing);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, call.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Shutdown_flips_watchers_to_not_serving_and_ends_their_streams()
    {
        var server = await StartAsync();
        try
        {
            using var call = server.Channel.ServerStreaming(Watch, new HealthCheckRequest { Service = "" });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, call.ResponseStream.Current.Status);

            var stopping = server.App.StopAsync();
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, call.ResponseStream.Current.Status);
            Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
            await stopping.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(HealthStatus.NotServing, server.App.Services.GetRequiredService<GrpcHealthStatus>().GetStatus("profilehub.testing.v1.EchoService"));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
