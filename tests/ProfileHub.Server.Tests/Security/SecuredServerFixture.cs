using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Security;

/// <summary>One server with API keys and JWTs both accepted (Mode apikey,jwt), shared by a test class.</summary>
public sealed class SecuredServerFixture : IAsyncLifetime
{
    private ProfileHubServerProcess? _server;

    public GrpcChannel Channel { get; private set; } = null!;

    public string Address => _server!.Address;

    public async Task InitializeAsync()
    {
        _server = await SecurityServer.StartAsync(TestCredentials.SecuredEnvironment());
        Channel = GrpcChannel.ForAddress(_server.Address);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
