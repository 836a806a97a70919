namespace ProfileHub.Redis.Tests.Infrastructure;

/// <summary>One redis-server shared by the tests of a class that do not stop it.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public RedisServerProcess Server { get; private set; } = null!;

    public string Endpoint => Server.Endpoint;

    public async Task InitializeAsync() => Server = await RedisServerProcess.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public Task<RedisConnection> ConnectAsync(string extraOptions = "") =>
        RedisConnection.ConnectAsync(new RedisOptions { Configuration = Endpoint + extraOptions });
}
