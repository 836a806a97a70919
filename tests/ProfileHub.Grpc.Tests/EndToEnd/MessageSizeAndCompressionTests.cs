using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.Tests.Infrastructure;
using ProfileHub.Grpc.TestHost;

namespace ProfileHub.Grpc.Tests.EndToEnd;

public class MessageSizeAndCompressionTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private const int Limit = 4 * 1024 * 1024;

    /// <summary>A ClientStream request of exactly <paramref name="size"/> bytes (the response stays tiny).</summary>
    private static EchoRequest RequestOfSize(int size)
    {
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[size - 5]) };
        while (request.CalculateSize() > size)
        {
            request.Payload = ByteString.CopyFrom(new byte[request.Payload.Length - (request.CalculateSize() - size)]);
        }

        Assert.Equal(size, request.CalculateSize());
        return request;
    }

    /// <summary>The payload size that makes the ServerStream response exactly <paramref name="size"/> bytes.</summary>
    private static int PayloadForResponseOfSize(int size)
    {
        var payload = size - 10;
        while (new EchoResponse { Message = "0", Count = 1, Payload = ByteString.CopyFrom(new byte[payload]) }.CalculateSize() > size)
        {
            payload--;
        }

        Assert.Equal(size, new EchoResponse { Message = "0", Count = 1, Payload = ByteString.CopyFrom(new byte[payload]) }.CalculateSize());
        return payload;
    }

    private async Task<EchoResponse> SendOneAsync(EchoRequest request)
    {
        using var call = fixture.Channel.ClientStreaming(EchoServerFixture.ClientStream);
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    [Fact]
    public async Task A_request_exactly_at_the_receive_limit_is_accepted()
    {
        var response = await SendOneAsync(RequestOfSize(Limit));

        Assert.Equal(1, response.Count);
    }

    [Fact]
    public async Task A_request_one_byte_over_the_receive_limit_is_resource_exhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => SendOneAsync(RequestOfSize(Limit + 1)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task A_unary_request_over_the_limit_is_resource_exhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[Limit + 1]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task A_response_exactly_at_the_send_limit_is_delivered()
    {
        using var call = fixture.Channel.ServerStreaming(EchoServerFixture.ServerStream, new StreamRequest { Count = 1, PayloadSize = PayloadForResponseOfSize(Limit) });

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(Limit, call.ResponseStream.Current.CalculateSize());
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task A_response_over_the_send_limit_is_resource_exhausted()
    {
        using var call = fixture.Channel.ServerStreaming(EchoServerFixture.ServerStream, new StreamRequest { Count = 1, PayloadSize = PayloadForResponseOfSize(Limit) + 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task A_gzip_unary_request_is_decompressed_by_the_server()
    {
        var payload = Enumerable.Repeat((byte)'a', 100_000).ToArray();

        var response = await fixture.Channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest { Payload = ByteString.CopyFrom(payload) }, new CallOptions(WriteGzip: true));

        Assert.Equal(payload, response.Payload.ToByteArray());
    }

    [Fact]
    public async Task A_gzip_bomb_over_the_receive_limit_is_resource_exhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(
            EchoServerFixture.Echo,
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[Limit + 100]) },
            new CallOptions(WriteGzip: true)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Responses_are_gzip_compressed_when_configured_and_accepted()
    {
        await using var server = await TestGrpcServer.StartAsync(
            builder => builder.Services.Configure<GrpcServerOptions>(o => o.ResponseCompressionAlgorithm = "gzip"),
            app => app.MapEchoService());
        var message = new string('q', 50_000);

        var result = await server.Channel.UnaryCallAsync(EchoServerFixture.Echo, new EchoRequest { Message = message });
        using var http = TestGrpcServer.CreateRawHttp2Client();
        var frame = new EchoRequest { Message = message }.ToByteArray();
        var body = new byte[5 + frame.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(1), frame.Length);
        frame.CopyTo(body, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Address + "/profilehub.testing.v1.EchoService/Echo")
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        request.Headers.TryAddWithoutValidation("grpc-accept-encoding", "gzip");
        using var raw = await http.SendAsync(request);
        var rawBody = await raw.Content.ReadAsByteArrayAsync();

        Assert.Equal(message, result.Response.Message);
        Assert.Equal("gzip", raw.Headers.GetValues("grpc-encoding").Single());
        Assert.Equal(1, rawBody[0]);
        Assert.True(rawBody.Length < 5_000);
    }
}
