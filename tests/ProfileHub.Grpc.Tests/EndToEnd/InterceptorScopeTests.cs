using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.Tests.Clock;
using ProfileHub.Grpc.Tests.Infrastructure;

namespace ProfileHub.Grpc.Tests.EndToEnd;

public class InterceptorScopeTests
{
    [Fact]
    public async Task An_interceptor_runs_only_for_the_methods_it_applies_to_and_is_asked_once_per_method()
    {
        var interceptor = new NowOnlyInterceptor();
        await using var server = await TestGrpcServer.StartAsync(
            builder => builder.Services.AddSingleton<IGrpcServerInterceptor>(interceptor),
            app => app.MapGrpcService(ClockReflection.Descriptor.Services[0], b => b
                .Unary<Empty, Timestamp>("Now", (_, _) => Task.FromResult(new Timestamp { Seconds = 42 }))
                .Unary<TickRequest, Description>("Describe", (_, _) => Task.FromResult(new Description()))));
        var now = Method<Empty, Timestamp>.Create(ClockReflection.Descriptor.Services[0], "Now");
        var describe = Method<TickRequest, Description>.Create(ClockReflection.Descriptor.Services[0], "Describe");

        for (var i = 0; i < 3; i++)
        {
            await server.Channel.UnaryAsync(now, new Empty());
            await server.Channel.UnaryAsync(describe, new TickRequest());
        }

        Assert.Equal(["/profilehub.testing.clock.v1.ClockService/Now"], interceptor.Invoked.Distinct());
        Assert.Equal(3, interceptor.Invoked.Count);
        Assert.Equal(1, interceptor.Asked.Count(m => m.EndsWith("/Now", StringComparison.Ordinal)));
        Assert.Equal(1, interceptor.Asked.Count(m => m.EndsWith("/Describe", StringComparison.Ordinal)));
    }

    private sealed class NowOnlyInterceptor : IGrpcServerInterceptor
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Asked { get; } = new();

        public System.Collections.Concurrent.ConcurrentQueue<string> Invoked { get; } = new();

        public bool AppliesTo(string method)
        {
            Asked.Enqueue(method);
            return method.EndsWith("/Now", StringComparison.Ordinal);
        }

        public ValueTask InvokeAsync(ServerCallContext context, GrpcCallHandler next)
        {
            Invoked.Enqueue(context.Method);
            return next(context);
        }
    }
}
