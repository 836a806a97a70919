using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.Tests.Clock;
using ProfileHub.Grpc.Tests.Infrastructure;

namespace ProfileHub.Grpc.Tests.EndToEnd;

public sealed class ExceptionMappingTests : IAsyncLifetime
{
    private static readonly Method<TickRequest, Description> Describe = Method<TickRequest, Description>.Create(ClockReflection.Descriptor.Services[0], "Describe");
    private static readonly Method<TickRequest, Timestamp> Ticks = Method<TickRequest, Timestamp>.Create(ClockReflection.Descriptor.Services[0], "Ticks");

    private TestGrpcServer? _server;

    public async Task InitializeAsync()
    {
        _server = await TestGrpcServer.StartAsync(
            builder => builder.Services.AddGrpcExceptionMapper<ArgumentExceptionMapper>(),
            app => app.MapGrpcService(ClockReflection.Descriptor.Services[0], b => b
                .Unary<TickRequest, Description>("Describe", (request, _) => request.Count switch
                {
                    1 => throw new ArgumentException("count must be even"),
                    2 => throw new InvalidOperationException("secret connection string Password=hunter2"),
                    3 => throw new RpcException(new Status(StatusCode.AlreadyExists, "exists")),
                    _ => Task.FromResult(new Description()),
                })
                .ServerStreaming<TickRequest, Timestamp>("Ticks", async (request, stream, _) =>
                {
                    await stream.WriteAsync(new Timestamp { Seconds = 1 });
                    throw new ArgumentException("bad tick");
                })));
    }

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    [Fact]
    public async Task A_host_mapper_turns_domain_exceptions_into_their_status()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _server!.Channel.UnaryAsync(Describe, new TickRequest { Count = 1 }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("count must be even", error.Status.Detail);
    }

    [Fact]
    public async Task Unexpected_exceptions_become_internal_with_a_generic_message_only()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _server!.Channel.UnaryAsync(Describe, new TickRequest { Count = 2 }));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.StartsWith("Internal error; see server log (trace id ", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RpcException_statuses_pass_through_unchanged()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _server!.Channel.UnaryAsync(Describe, new TickRequest { Count = 3 }));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("exists", error.Status.Detail);
    }

    [Fact]
    public async Task Exceptions_after_streamed_messages_are_mapped_into_the_trailers()
    {
        using var call = _server!.Channel.ServerStreaming(Ticks, new TickRequest());

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    private sealed class ArgumentExceptionMapper : IGrpcExceptionMapper
    {
        public bool TryMap(Exception exception, out Status status)
        {
            status = exception is ArgumentException ? new Status(StatusCode.InvalidArgument, exception.Message) : default;
            return exception is ArgumentException;
        }
    }
}
