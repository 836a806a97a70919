namespace ProfileHub.Server.Tests.Infrastructure;

/// <summary>A redis-server for the tests of one class; they may kill and restart it on the same port.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServerProcess? _server;

    public RedisServerProcess Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The command-line argument that points a ProfileHub server at this Redis.</summary>
    public string ConfigurationArgument => "--ProfileHub:Redis:Configuration=" + Server.Endpoint;

    public async Task InitializeAsync() => _server = await RedisServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
