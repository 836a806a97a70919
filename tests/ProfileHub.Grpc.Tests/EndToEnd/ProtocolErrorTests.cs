using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ProfileHub.Grpc.Tests.Infrastructure;
using ProfileHub.Grpc.TestHost;

namespace ProfileHub.Grpc.Tests.EndToEnd;

/// <summary>Raw HTTP/2 requests: what the server answers to requests no well-behaved gRPC client sends.</summary>
public class ProtocolErrorTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private const string EchoPath = "/profilehub.testing.v1.EchoService/Echo";

    private static byte[] Frame(IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        frame[4] = (byte)body.Length;
        body.CopyTo(frame, 5);
        return frame;
    }

    private HttpRequestMessage GrpcRequest(string path, IMessage message, string contentType = "application/grpc")
    {
        var content = new ByteArrayContent(Frame(message));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, fixture.Server.Address + path) { Content = content, Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : null;

    [Fact]
    public async Task An_error_without_messages_is_a_trailers_only_response()
    {
        using var http = TestGrpcServer.CreateRawHttp2Client();

        using var response = await http.SendAsync(GrpcRequest(EchoPath, new EchoRequest { StatusCode = 5, StatusMessage = "gone 100%" }));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5", Header(response, "grpc-status"));
        Assert.Equal("gone 100%25", Header(response, "grpc-message"));
        Assert.Empty(body);
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task A_successful_call_carries_its_status_in_trailers()
    {
        using var http = TestGrpcServer.CreateRawHttp2Client();

        using var response = await http.SendAsync(GrpcRequest(EchoPath, new EchoRequest { Message = "x" }));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(Header(response, "grpc-status"));
        Assert.Equal(0, body[0]);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/grpc-web")]
    [InlineData("text/plain")]
    public async Task A_non_grpc_content_type_is_answered_with_415(string contentType)
    {
        using var http = TestGrpcServer.CreateRawHttp2Client();

        using var response = await http.SendAsync(GrpcRequest(EchoPath, new EchoRequest(), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("13", Header(response, "grpc-status"));
    }

    [Fact]
    public async Task A_non_grpc_content_type_on_an_unknown_path_is_also_415()
    {
        using var http = TestGrpcServer.CreateRawHttp2Client();

        using var response = await http.SendAsync(GrpcRequest("/nope.Service/Method", new EchoRequest(), "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_non_post_request_is_answered_with_405_and_a_grpc_status()
    {
        using var http = TestGrpcServer.CreateRawHttp2Client();
        var request = GrpcRequest(EchoPath, new EchoRequest());
        request.Method = HttpMethod.Put;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("13", Header(response, "grpc-status"));
    }

    [Fact]
    public async Task An_unsupported_grpc_encoding_is_unimplemented_and_lists_the_accepted_encodings()
    {
        using var http = TestGrpcServer.CreateRawHttp2Client();
        var request = GrpcRequest(EchoPath, new EchoRequest());
        request.Headers.TryAddWithoutValidation("grpc-encoding", "br");

        using var response = await http.SendAsync(request);

        Assert.Equal("12", Header(response, "grpc-status"));
        Assert.Equal("identity,gzip", Header(response, "grpc-accept-encoding"));
    }

    [Fact]
    public async Task A_compressed_message_without_grpc_encoding_is_an_internal_error()
    {
        using var http = TestGrpcServer.CreateRawHttp2Client();
        var frame = Frame(new EchoRequest { Message = "x" });
        frame[0] = 1;
        var request = new HttpRequestMessage(HttpMethod.Post, fixture.Server.Address + EchoPath) { Content = new ByteArrayContent(frame), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("13", Header(response, "grpc-status"));
    }

    [Fact]
    public async Task A_truncated_request_is_an_internal_error()
    {
        using var http = TestGrpcServer.CreateRawHttp2Client();
        var frame = Frame(new EchoRequest { Message = "truncated" });
        var request = new HttpRequestMessage(HttpMethod.Post, fixture.Server.Address + EchoPath) { Content = new ByteArrayContent(frame[..^2]), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");

        using var response = await http.SendAsync(request);

        Assert.Equal("13", Header(response, "grpc-status"));
    }

    [Theory]
    [InlineData("/no.such.Service/Echo", "Service is unimplemented.")]
    [InlineData("/profilehub.testing.v1.EchoService/NoSuchMethod", "Method is unimplemented.")]
    public async Task Unknown_services_and_methods_are_unimplemented(string path, string detail)
    {
        using var http = TestGrpcServer.CreateRawHttp2Client();

        using var response = await http.SendAsync(GrpcRequest(path, new EchoRequest()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", Header(response, "grpc-status"));
        Assert.Equal(detail, Header(response, "grpc-message"));
    }

    [Fact]
    public async Task A_service_the_server_does_not_map_is_unimplemented_for_the_client()
    {
        var now = Client.Method<Google.Protobuf.WellKnownTypes.Empty, Google.Protobuf.WellKnownTypes.Timestamp>.Create(Tests.Clock.ClockReflection.Descriptor.Services[0], "Now");

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(now, new Google.Protobuf.WellKnownTypes.Empty()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Http1_requests_are_refused_with_426()
    {
        await using var server = await TestGrpcServer.StartAsync(null, app => app.MapEchoService(), HttpProtocols.Http1AndHttp2);
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var content = new ByteArrayContent(Frame(new EchoRequest()));
        content.Headers.TryAddWithoutValidation("content-type", "application/grpc");

        using var response = await http.PostAsync(server.Address + EchoPath, content);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("13", Header(response, "grpc-status"));
    }
}
