using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Security;

/// <summary>What refused callers are told, and what stays open without credentials.</summary>
public sealed class CredentialMessageTests(SecuredServerFixture server) : IClassFixture<SecuredServerFixture>
{
    [Fact]
    public async Task Missing_credentials_are_named_as_missing()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("missing credentials", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_jwt_is_named_as_expired_and_the_token_is_not_echoed()
    {
        var token = TestCredentials.Jwt("profiles:read", lifetime: TimeSpan.FromMinutes(-10));

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest(), Bearer(token)));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("expired", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused_without_echoing_it()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest(), Bearer("secret-guess-123")));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.DoesNotContain("secret-guess-123", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Permission_denied_names_the_scope_needed_and_the_caller()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest(), Bearer(TestCredentials.IngesterKey)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("'profiles:read'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("apikey:ingester", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_with_every_scope_reaches_every_service()
    {
        var options = Bearer(TestCredentials.AllScopesKey);

        var stages = await server.Channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest(), options);
        var ingest = await server.Channel.UnaryAsync(ProfileHubMethods.Ingest, (IngestRequest)MethodCatalog.Requests["Ingest"].Request, options);

        Assert.NotEmpty(stages.Stages);
        Assert.Single(ingest.Results);
    }

    [Fact]
    public async Task Health_is_open_without_credentials()
    {
        var method = Method<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse>.Create(global::Grpc.Health.V1.HealthReflection.Descriptor.Services[0], "Check");

        var response = await server.Channel.UnaryAsync(method, new global::Grpc.Health.V1.HealthCheckRequest());

        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_is_open_without_credentials()
    {
        var method = Method<global::Grpc.Reflection.V1Alpha.ServerReflectionRequest, global::Grpc.Reflection.V1Alpha.ServerReflectionResponse>.Create(global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor.Services[0], "ServerReflectionInfo");
        using var call = server.Channel.DuplexStreaming(method);

        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("profilehub.v1.ProfileService", services);
    }

    [Fact]
    public async Task Unknown_services_still_answer_unimplemented_without_credentials()
    {
        using var http = new HttpClient(new SocketsHttpHandler()) { DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Address + "/nowhere.v1.Nothing/Call") { Version = System.Net.HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent(new byte[5]) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");

        using var response = await http.SendAsync(request);

        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
    }

    private static CallOptions Bearer(string token) => new(Headers: new Metadata { { "authorization", "Bearer " + token } });
}
