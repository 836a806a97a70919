using Google.Protobuf.Reflection;
using Grpc.Reflection.V1Alpha;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.Tests.Clock;
using ProfileHub.Grpc.Tests.Infrastructure;
using ProfileHub.Grpc.TestHost;

namespace ProfileHub.Grpc.Tests.EndToEnd;

public sealed class ReflectionTests : IAsyncLifetime
{
    private static readonly Method<ServerReflectionRequest, ServerReflectionResponse> Info =
        Method<ServerReflectionRequest, ServerReflectionResponse>.Create(ReflectionReflection.Descriptor.Services[0], "ServerReflectionInfo");

    private TestGrpcServer? _server;

    public async Task InitializeAsync()
    {
        _server = await TestGrpcServer.StartAsync(null, app =>
        {
            app.MapEchoService();
            app.MapGrpcService(ClockReflection.Descriptor.Services[0], _ => { });
            app.MapGrpcHealth();
            app.MapGrpcReflection();
        });
    }

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    private async Task<List<ServerReflectionResponse>> AskAsync(params ServerReflectionRequest[] requests)
    {
        using var call = _server!.Channel.DuplexStreaming(Info);
        var responses = new List<ServerReflectionResponse>();
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            responses.Add(call.ResponseStream.Current);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        return responses;
    }

    private static List<string> FileNames(ServerReflectionResponse response) =>
        response.FileDescriptorResponse.FileDescriptorProto.Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes).Name).ToList();

    [Fact]
    public async Task List_services_names_every_mapped_service_including_health_and_reflection()
    {
        var response = (await AskAsync(new ServerReflectionRequest { ListServices = "*" }))[0];

        Assert.Equal(
            new[] { "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection", "profilehub.testing.clock.v1.ClockService", "profilehub.testing.v1.EchoService" },
            response.ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("profilehub.testing.clock.v1.ClockService")]
    [InlineData("profilehub.testing.clock.v1.ClockService.Ticks")]
    [InlineData("profilehub.testing.clock.v1.TickRequest")]
    [InlineData("profilehub.testing.clock.v1.Description.Detail")]
    [InlineData("profilehub.testing.clock.v1.Description.Kind")]
    public async Task File_containing_symbol_returns_the_file_and_its_well_known_dependencies(string symbol)
    {
        var response = (await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol }))[0];

        var names = FileNames(response);
        Assert.Equal("Protos/clock.proto", names[0]);
        Assert.Contains("google/protobuf/timestamp.proto", names);
        Assert.Contains("google/protobuf/empty.proto", names);
    }

    [Fact]
    public async Task File_by_filename_finds_dependencies_by_their_import_path()
    {
        var responses = await AskAsync(
            new ServerReflectionRequest { FileByFilename = "google/protobuf/timestamp.proto" },
            new ServerReflectionRequest { FileByFilename = "echo.proto" });

        Assert.Equal(new[] { "google/protobuf/timestamp.proto" }, FileNames(responses[0]));
        var echo = FileDescriptorProto.Parser.ParseFrom(responses[1].FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("profilehub.testing.v1", echo.Package);
        Assert.Contains(echo.Service, s => s.Name == "EchoService");
    }

    [Fact]
    public async Task Unknown_names_get_a_not_found_error_response_and_the_stream_continues()
    {
        var responses = await AskAsync(
            new ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" },
            new ServerReflectionRequest { FileByFilename = "missing.proto" },
            new ServerReflectionRequest { ListServices = "" });

        Assert.Equal((int)StatusCode.NotFound, responses[0].ErrorResponse.ErrorCode);
        Assert.Equal((int)StatusCode.NotFound, responses[1].ErrorResponse.ErrorCode);
        Assert.NotEmpty(responses[2].ListServicesResponse.Service);
        Assert.Equal("no.such.Symbol", responses[0].OriginalRequest.FileContainingSymbol);
    }

}
