using ProfileHub.Redis.Tests.Infrastructure;

namespace ProfileHub.Redis.Tests;

public sealed class RedisAuthTests(AuthRedisServerFixture redis) : IClassFixture<AuthRedisServerFixture>
{
    [Fact]
    public async Task Password_authenticates_the_default_user()
    {
        await using var connection = await RedisConnection.ConnectAsync(new RedisOptions { Configuration = $"{redis.Endpoint},password={AuthRedisServerFixture.Password}" });

        Assert.True(await connection.SetAsync("auth:k", "v"));
        Assert.Equal("default", (await connection.ExecuteAsync("ACL", ["WHOAMI"])).AsString());
    }

    [Fact]
    public async Task Acl_user_authenticates_with_user_and_password()
    {
        await using var connection = await RedisConnection.ConnectAsync(new RedisOptions
        {
            Configuration = $"{redis.Endpoint},user={AuthRedisServerFixture.AclUser},password={AuthRedisServerFixture.AclPassword}",
        });

        Assert.Equal(AuthRedisServerFixture.AclUser, (await connection.ExecuteAsync("ACL", ["WHOAMI"])).AsString());
    }

    [Fact]
    public async Task Wrong_password_fails_the_connect_with_a_typed_wrongpass_error()
    {
        var error = await Assert.ThrowsAsync<RedisServerException>(() =>
            RedisConnection.ConnectAsync(new RedisOptions { Configuration = $"{redis.Endpoint},password=wrong" }));

        Assert.Equal("WRONGPASS", error.Prefix);
    }

    [Fact]
    public async Task Missing_password_fails_the_connect_with_a_typed_noauth_error()
    {
        var error = await Assert.ThrowsAsync<RedisServerException>(() =>
            RedisConnection.ConnectAsync(new RedisOptions { Configuration = redis.Endpoint }));

        Assert.Equal("NOAUTH", error.Prefix);
    }
}
