using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.Tests.Clock;
using ProfileHub.Grpc.Tests.Infrastructure;

namespace ProfileHub.Grpc.Tests.EndToEnd;

public class CallLoggingTests
{
    [Fact]
    public async Task Each_call_is_logged_with_method_and_status_and_failures_keep_details_in_the_log_only()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await TestGrpcServer.StartAsync(
            builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Logging.SetMinimumLevel(LogLevel.Information);
                builder.Services.AddGrpcInterceptor<GrpcCallLoggingInterceptor>();
            },
            app => app.MapGrpcService(ClockReflection.Descriptor.Services[0], b => b
                .Unary<Empty, Timestamp>("Now", (_, _) => Task.FromResult(new Timestamp { Seconds = 42 }))
                .Unary<TickRequest, Description>("Describe", (_, _) => throw new InvalidOperationException("disk full at /secret/path"))));
        var now = Method<Empty, Timestamp>.Create(ClockReflection.Descriptor.Services[0], "Now");
        var describe = Method<TickRequest, Description>.Create(ClockReflection.Descriptor.Services[0], "Describe");

        await server.Channel.UnaryAsync(now, new Empty());
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync(describe, new TickRequest()));

        var calls = logs.Entries.Where(e => e.Category == typeof(GrpcCallLoggingInterceptor).FullName).ToList();
        Assert.Contains(calls, e => e.Level == LogLevel.Information && e.Message.Contains("/profilehub.testing.clock.v1.ClockService/Now finished with OK", StringComparison.Ordinal));
        Assert.Contains(calls, e => e.Level == LogLevel.Warning && e.Message.Contains("/profilehub.testing.clock.v1.ClockService/Describe failed with Internal", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("disk full at /secret/path", StringComparison.Ordinal));
        Assert.DoesNotContain("secret", error.Status.Detail, StringComparison.Ordinal);
    }
}
