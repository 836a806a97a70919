using System.Diagnostics;
using ProfileHub.Redis.Tests.Infrastructure;

namespace ProfileHub.Redis.Tests;

public sealed class RedisConnectionResilienceTests
{
    private static RedisOptions FastReconnect(string configuration) => new()
    {
        Configuration = configuration,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task Reconnects_after_the_server_is_killed_and_restarted_on_the_same_port()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var connection = await RedisConnection.ConnectAsync(FastReconnect(server.Endpoint));
        var disconnected = new TaskCompletionSource<RedisDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Disconnected += (_, e) => disconnected.TrySetResult(e);
        await connection.SetAsync("before", "1");

        await server.KillAsync();
        await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(connection.IsConnected);
        connection.Connected += (_, _) => reconnected.TrySetResult();
        await server.StartAgainAsync();
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(connection.IsConnected);
        Assert.True(await connection.SetAsync("after", "2"));
        Assert.Equal("2", await connection.GetStringAsync("after"));
    }

    [Fact]
    public async Task Commands_fail_fast_while_the_server_is_down()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var connection = await RedisConnection.ConnectAsync(FastReconnect(server.Endpoint + ",syncTimeout=5000"));
        await connection.PingAsync();
        await server.KillAsync();
        await Eventually.TrueAsync(() => !connection.IsConnected, TimeSpan.FromSeconds(5), "connection notices the dead server");

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<RedisConnectionException>(() => connection.GetAsync("k"));

        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Commands_in_flight_when_the_server_dies_fail_with_a_connection_error()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var connection = await RedisConnection.ConnectAsync(FastReconnect(server.Endpoint));
        await using var admin = await RedisConnection.ConnectAsync(new RedisOptions { Configuration = server.Endpoint });
        await admin.ExecuteAsync("CLIENT", ["PAUSE", "2000", "ALL"]);

        var stuck = connection.GetAsync("k");
        await server.KillAsync();

        await Assert.ThrowsAsync<RedisConnectionException>(() => stuck.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_reply_that_does_not_come_in_time_raises_timeout_and_the_connection_is_rebuilt()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var connection = await RedisConnection.ConnectAsync(FastReconnect(server.Endpoint + ",syncTimeout=200"));
        await using var admin = await RedisConnection.ConnectAsync(new RedisOptions { Configuration = server.Endpoint });
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Disconnected += (_, _) => disconnected.TrySetResult();
        await admin.ExecuteAsync("CLIENT", ["PAUSE", "1000", "ALL"]);

        var timedOut = await Assert.ThrowsAsync<RedisTimeoutException>(() => connection.GetAsync("k"));
        await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Contains("GET", timedOut.Message, StringComparison.Ordinal);
        await Eventually.SucceedsAsync(
            async () =>
            {
                await connection.SetAsync("k", "v");
                Assert.Equal("v", await connection.GetStringAsync("k"));
            },
            TimeSpan.FromSeconds(5),
            "commands work again after the pause");
    }

    [Fact]
    public async Task First_connect_to_a_dead_port_throws_when_abort_connect_is_true()
    {
        var port = FreeTcpPort.Pick();
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            RedisConnection.ConnectAsync(FastReconnect($"127.0.0.1:{port},connectTimeout=1000")));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_abort_connect_false_the_connection_comes_up_when_the_server_starts_later()
    {
        var port = FreeTcpPort.Pick();
        await using var connection = await RedisConnection.ConnectAsync(FastReconnect($"127.0.0.1:{port},abortConnect=false"));
        Assert.False(connection.IsConnected);
        await Assert.ThrowsAsync<RedisConnectionException>(() => connection.GetAsync("k"));

        await using var server = await RedisServerProcess.StartOnPortAsync(port);

        await Eventually.TrueAsync(() => connection.IsConnected, TimeSpan.FromSeconds(5), "connected after the server started");
        Assert.Null(await connection.GetAsync("k"));
    }

    [Fact]
    public async Task A_connection_is_made_lazily_by_the_first_command()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var connection = new RedisConnection(new RedisOptions { Configuration = server.Endpoint });
        Assert.False(connection.IsConnected);

        Assert.True(await connection.SetAsync("lazy", "yes"));

        Assert.True(connection.IsConnected);
    }

    [Fact]
    public async Task Select_isolates_databases()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var db0 = await RedisConnection.ConnectAsync(new RedisOptions { Configuration = server.Endpoint });
        await using var db5 = await RedisConnection.ConnectAsync(new RedisOptions { Configuration = server.Endpoint + ",defaultDatabase=5" });

        await db5.SetAsync("shared-name", "in five");

        Assert.Null(await db0.GetAsync("shared-name"));
        Assert.Equal("in five", await db5.GetStringAsync("shared-name"));
        Assert.Equal(1, (await db0.ExecuteAsync("EVAL", ["return redis.call('SELECT', 5) and redis.call('EXISTS', 'shared-name')", "0"])).Number);
    }

    [Fact]
    public async Task Key_prefix_is_applied_to_every_key()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var plain = await RedisConnection.ConnectAsync(new RedisOptions { Configuration = server.Endpoint });
        await using var prefixed = await RedisConnection.ConnectAsync(new RedisOptions { Configuration = server.Endpoint + ",keyPrefix=tenant-a:" });

        await prefixed.SetAsync("k1", "v1");
        await prefixed.SetAsync("k2", "v2");
        await prefixed.IncrAsync("n");
        await prefixed.EvalAsync("return redis.call('SET', KEYS[1], 'lua')", ["k3"], []);

        Assert.Equal("v1", await plain.GetStringAsync("tenant-a:k1"));
        Assert.Null(await plain.GetAsync("k1"));
        Assert.Equal("lua", await plain.GetStringAsync("tenant-a:k3"));
        Assert.Equal(["v1", "v2"], (await prefixed.MGetAsync(["k1", "k2"])).Select(v => System.Text.Encoding.UTF8.GetString(v!)));
        Assert.Equal(2, await prefixed.DelAsync(["k1", "k2"]));
        Assert.Equal("1", await plain.GetStringAsync("tenant-a:n"));
    }

    [Fact]
    public async Task Client_name_is_set_on_connect()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var connection = await RedisConnection.ConnectAsync(new RedisOptions { Configuration = server.Endpoint + ",name=replica-7" });

        var name = await connection.ExecuteAsync("CLIENT", ["GETNAME"]);

        Assert.Equal("replica-7", name.AsString());
    }
}
