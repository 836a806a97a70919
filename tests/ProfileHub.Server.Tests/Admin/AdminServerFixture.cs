using ProfileHub.Grpc.Client;
using ProfileHub.Server.Tests.Infrastructure;

namespace ProfileHub.Server.Tests.Admin;

/// <summary>A real redis-server and a ProfileHub server using it, shared by the admin tests.</summary>
public sealed class AdminServerFixture : IAsyncLifetime
{
    private RedisServerProcess? _redis;
    private ProfileHubServerProcess? _server;

    public RedisServerProcess Redis => _redis ?? throw new InvalidOperationException("The fixture has not started.");

    public ProfileHubServerProcess Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public GrpcChannel Channel => Server.Channel;

    public async Task InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync();
        _server = await ProfileHubServerProcess.StartAsync(["--ProfileHub:Redis:Configuration=" + _redis.Endpoint]);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
