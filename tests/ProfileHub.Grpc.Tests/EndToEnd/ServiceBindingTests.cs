using Google.Protobuf.WellKnownTypes;
using ProfileHub.Grpc.Tests.Clock;
using ProfileHub.Grpc.Tests.Infrastructure;

namespace ProfileHub.Grpc.Tests.EndToEnd;

public class ServiceBindingTests
{
    private static async Task StartWithAsync(Action<GrpcServiceBinder> bind)
    {
        await using var server = await TestGrpcServer.StartAsync(null, app => app.MapGrpcService(ClockReflection.Descriptor.Services[0], bind));
    }

    [Fact]
    public async Task Binding_a_method_the_descriptor_lacks_fails_start_up_naming_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartWithAsync(b =>
            b.Unary<Empty, Timestamp>("Later", (_, _) => Task.FromResult(new Timestamp()))));

        Assert.Contains("Later", error.Message, StringComparison.Ordinal);
        Assert.Contains("profilehub.testing.clock.v1.ClockService", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_with_the_wrong_request_type_fails_start_up()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartWithAsync(b =>
            b.Unary<TickRequest, Timestamp>("Now", (_, _) => Task.FromResult(new Timestamp()))));

        Assert.Contains("google.protobuf.Empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_with_the_wrong_response_type_fails_start_up()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartWithAsync(b =>
            b.Unary<Empty, Empty>("Now", (_, _) => Task.FromResult(new Empty()))));

        Assert.Contains("google.protobuf.Timestamp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_a_streaming_method_as_unary_fails_start_up()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartWithAsync(b =>
            b.Unary<TickRequest, Timestamp>("Ticks", (_, _) => Task.FromResult(new Timestamp()))));

        Assert.Contains("server-streaming", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mapping_without_AddGrpcTransport_fails_with_a_hint()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService(ClockReflection.Descriptor.Services[0], _ => { }));

        Assert.Contains("AddGrpcTransport", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bound_methods_run_and_unbound_ones_answer_unimplemented()
    {
        var now = new Timestamp { Seconds = 1_700_000_000 };
        await using var server = await TestGrpcServer.StartAsync(null, app => app.MapGrpcService(ClockReflection.Descriptor.Services[0], b => b
            .Unary<Empty, Timestamp>("Now", (_, _) => Task.FromResult(now))));
        var nowMethod = Client.Method<Empty, Timestamp>.Create(ClockReflection.Descriptor.Services[0], "Now");
        var describe = Client.Method<TickRequest, Description>.Create(ClockReflection.Descriptor.Services[0], "Describe");

        var response = await server.Channel.UnaryAsync(nowMethod, new Empty());
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync(describe, new TickRequest()));

        Assert.Equal(now, response);
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public void Client_methods_are_checked_against_the_descriptor_too()
    {
        Assert.Throws<InvalidOperationException>(() => Client.Method<Empty, Empty>.Create(ClockReflection.Descriptor.Services[0], "Now"));
        Assert.Throws<InvalidOperationException>(() => Client.Method<Empty, Timestamp>.Create(ClockReflection.Descriptor.Services[0], "Missing"));
    }
}
