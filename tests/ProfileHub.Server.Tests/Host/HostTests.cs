using System.Net;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;
using ProfileHub.Server.Tests.Infrastructure;

namespace ProfileHub.Server.Tests.Host;

[Collection(SharedServerCollection.Name)]
public sealed class HostTests(ProfileHubServerFixture fixture)
{
    [Fact]
    public async Task The_server_answers_h2c_prior_knowledge_on_the_address_given_with_urls()
    {
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient(handler) { BaseAddress = new Uri(fixture.Server.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/grpc.health.v1.Health/Check")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Theory]
    [InlineData("")]
    [InlineData("profilehub.v1.IngestService")]
    [InlineData("profilehub.v1.ProfileService")]
    [InlineData("profilehub.v1.AnalyticsService")]
    public async Task Health_reports_serving_for_the_server_and_each_profilehub_service(string service)
    {
        var response = await fixture.Channel.UnaryAsync(StandardMethods.HealthCheck, new HealthCheckRequest { Service = service }, ProfileHubCalls.Options());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_profilehub_services_beside_health_and_reflection()
    {
        using var call = fixture.Channel.DuplexStreaming(StandardMethods.ReflectionInfo, ProfileHubCalls.Options());
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "*" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        await call.RequestStream.CompleteAsync();

        Assert.Contains("profilehub.v1.IngestService", names);
        Assert.Contains("profilehub.v1.ProfileService", names);
        Assert.Contains("profilehub.v1.AnalyticsService", names);
        Assert.Contains("grpc.health.v1.Health", names);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", names);
    }

    [Fact]
    public async Task Reflection_serves_the_profile_api_file_with_its_dependencies()
    {
        using var call = fixture.Channel.DuplexStreaming(StandardMethods.ReflectionInfo, ProfileHubCalls.Options());
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "profilehub.v1.ProfileService.GetJourneyStage" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes).Name).ToList();
        await call.RequestStream.CompleteAsync();

        Assert.Equal("profilehub/v1/profile.proto", files[0]);
        Assert.Contains("profilehub/v1/common.proto", files);
        Assert.Contains("google/protobuf/timestamp.proto", files);
    }

    [Fact]
    public async Task An_unknown_method_or_service_is_unimplemented()
    {
        // The typed client only builds methods the descriptors know, so the unknown paths go out raw.
        var error = await Assert.ThrowsAsync<RpcException>(() => CallRawAsync("/profilehub.v1.ProfileService/NoSuchMethod"));
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);

        var service = await Assert.ThrowsAsync<RpcException>(() => CallRawAsync("/profilehub.v1.NoSuchService/Get"));
        Assert.Equal(StatusCode.Unimplemented, service.StatusCode);
    }

    private async Task CallRawAsync(string path)
    {
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient(handler) { BaseAddress = new Uri(fixture.Server.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var status = response.Headers.TryGetValues("grpc-status", out var headerValues) ? headerValues.Single()
            : response.TrailingHeaders.GetValues("grpc-status").Single();
        var code = (StatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
        if (code != StatusCode.OK)
        {
            throw new RpcException(new Status(code, string.Empty));
        }
    }
}
