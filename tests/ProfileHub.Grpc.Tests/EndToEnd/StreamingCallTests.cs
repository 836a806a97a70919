using Google.Protobuf;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.Tests.Infrastructure;
using ProfileHub.Grpc.TestHost;

namespace ProfileHub.Grpc.Tests.EndToEnd;

public class StreamingCallTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private readonly GrpcChannel _channel = fixture.Channel;

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order_then_ok()
    {
        using var call = _channel.ServerStreaming(EchoServerFixture.ServerStream, new StreamRequest { Count = 5, PayloadSize = 3 });

        var received = new List<EchoResponse>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            received.Add(message);
        }

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, received.Select(r => r.Count));
        Assert.All(received, r => Assert.Equal(3, r.Payload.Length));
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Server_streaming_failure_arrives_after_the_messages_already_sent()
    {
        using var call = _channel.ServerStreaming(EchoServerFixture.ServerStream, new StreamRequest { Count = 10, FailAfter = 2, StatusCode = (int)StatusCode.Aborted, StatusMessage = "stop" });

        var received = new List<int>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync())
            {
                received.Add(message.Count);
            }
        });

        Assert.Equal(new[] { 1, 2 }, received);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("stop", error.Status.Detail);
    }

    [Fact]
    public async Task Server_streaming_with_no_messages_ends_ok()
    {
        using var call = _channel.ServerStreaming(EchoServerFixture.ServerStream, new StreamRequest { Count = 0 });

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Client_streaming_sees_every_request()
    {
        using var call = _channel.ClientStreaming(EchoServerFixture.ClientStream);
        foreach (var word in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = word });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;

        Assert.Equal("a,b,c", response.Message);
        Assert.Equal(3, response.Count);
    }

    [Fact]
    public async Task Client_streaming_with_gzip_requests_is_decompressed_by_the_server()
    {
        using var call = _channel.ClientStreaming(EchoServerFixture.ClientStream, new CallOptions(WriteGzip: true));
        await call.RequestStream.WriteAsync(new EchoRequest { Message = new string('z', 10_000) });
        await call.RequestStream.CompleteAsync();

        var response = await call.ResponseAsync;

        Assert.Equal(10_000, response.Message.Length);
    }

    [Fact]
    public async Task Bidi_streaming_answers_each_request_as_it_arrives()
    {
        using var call = _channel.DuplexStreaming(EchoServerFixture.Bidi);

        for (var i = 1; i <= 3; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "m" + i, Payload = ByteString.CopyFrom((byte)i) });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal("m" + i, call.ResponseStream.Current.Message);
            Assert.Equal(i, call.ResponseStream.Current.Count);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Cancelling_a_stream_mid_way_resets_it_and_cancels_the_server()
    {
        var probeId = Guid.NewGuid().ToString("N");
        using var cancellation = new CancellationTokenSource();
        using var call = _channel.ServerStreaming(
            EchoServerFixture.ServerStream,
            new StreamRequest { Count = 1000, IntervalMs = 50 },
            new CallOptions(Headers: new Metadata { { CallProbe.Header, probeId } }, CancellationToken: cancellation.Token));

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        var record = fixture.Probe.For(probeId);
        await record.Finished.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(record.TokenCancelledAtEnd);
    }

    [Fact]
    public async Task A_stream_deadline_ends_the_stream_with_deadline_exceeded()
    {
        using var call = _channel.ServerStreaming(
            EchoServerFixture.ServerStream,
            new StreamRequest { Count = 1000, IntervalMs = 50 },
            new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(400)));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var unused in call.ResponseStream.ReadAllAsync())
            {
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }
}
