using System.Text;
using System.Threading.Channels;
using ProfileHub.Redis.Tests.Infrastructure;

namespace ProfileHub.Redis.Tests;

public sealed class RedisSubscriberTests
{
    private static RedisOptions Options(string configuration) => new()
    {
        Configuration = configuration,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task Messages_are_delivered_to_the_channel_handler_with_the_prefix_stripped()
    {
        await using var server = await RedisServerProcess.StartAsync();
        var options = Options(server.Endpoint + ",keyPrefix=app:");
        await using var publisher = await RedisConnection.ConnectAsync(options);
        await using var subscriber = new RedisSubscriber(options);
        var received = Channel.CreateUnbounded<(string Channel, string Payload)>();
        await subscriber.SubscribeAsync("events", (channel, payload) => received.Writer.TryWrite((channel, Encoding.UTF8.GetString(payload.Span))));

        Assert.Equal(1, await publisher.PublishAsync("events", "first"));
        await publisher.PublishAsync("other", "ignored");
        await publisher.PublishAsync("events", "second");

        Assert.Equal(("events", "first"), await received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(("events", "second"), await received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Channels_are_subscribed_again_after_the_server_restarts()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var publisher = await RedisConnection.ConnectAsync(Options(server.Endpoint));
        await using var subscriber = new RedisSubscriber(Options(server.Endpoint));
        var received = Channel.CreateUnbounded<string>();
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await subscriber.SubscribeAsync("a", (_, payload) => received.Writer.TryWrite("a:" + Encoding.UTF8.GetString(payload.Span)));
        await subscriber.SubscribeAsync("b", (_, payload) => received.Writer.TryWrite("b:" + Encoding.UTF8.GetString(payload.Span)));

        subscriber.Connected += (_, _) => reconnected.TrySetResult();
        await server.RestartAsync();
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.SucceedsAsync(() => publisher.PingAsync(), TimeSpan.FromSeconds(5), "publisher reconnects");

        Assert.Equal(1, await publisher.PublishAsync("a", "1"));
        Assert.Equal(1, await publisher.PublishAsync("b", "2"));
        Assert.Equal("a:1", await received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("b:2", await received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Unsubscribed_channels_get_no_more_messages()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var publisher = await RedisConnection.ConnectAsync(Options(server.Endpoint));
        await using var subscriber = new RedisSubscriber(Options(server.Endpoint));
        await subscriber.SubscribeAsync("gone", (_, _) => { });

        await subscriber.UnsubscribeAsync("gone");

        Assert.Equal(0, await publisher.PublishAsync("gone", "x"));
    }

    [Fact]
    public async Task A_hung_pub_sub_link_is_detected_by_the_heartbeat_and_rebuilt()
    {
        await using var server = await RedisServerProcess.StartAsync();
        var options = Options(server.Endpoint + ",syncTimeout=200");
        options.SubscriberHeartbeat = TimeSpan.FromMilliseconds(50);
        await using var subscriber = new RedisSubscriber(options);
        await using var admin = await RedisConnection.ConnectAsync(Options(server.Endpoint));
        await subscriber.SubscribeAsync("hb", (_, _) => { });
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.Disconnected += (_, _) => lost.TrySetResult();
        subscriber.Connected += (_, _) => back.TrySetResult();

        // Paused long enough that a heartbeat falls inside the pause even when a loaded machine
        // delays the heartbeat loop; the waits only bound a hang.
        await admin.ExecuteAsync("CLIENT", ["PAUSE", "3000", "ALL"]);

        await lost.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await back.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await admin.PublishAsync("hb", "after"));
    }
}
