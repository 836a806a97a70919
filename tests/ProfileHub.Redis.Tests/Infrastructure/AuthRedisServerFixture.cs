namespace ProfileHub.Redis.Tests.Infrastructure;

/// <summary>A redis-server that requires a password and also has an ACL user <c>cache</c>.</summary>
public sealed class AuthRedisServerFixture : IAsyncLifetime
{
    public const string Password = "s3cret-default";
    public const string AclUser = "cache";
    public const string AclPassword = "s3cret-cache";

    public RedisServerProcess Server { get; private set; } = null!;

    public string Endpoint => Server.Endpoint;

    public async Task InitializeAsync() => Server = await RedisServerProcess.StartAsync(
        "--requirepass", Password,
        "--user", AclUser, "on", ">" + AclPassword, "~*", "&*", "+@all");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
