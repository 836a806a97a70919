using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProfileHub.Redis.Internal;

namespace ProfileHub.Redis;

/// <summary>
/// Pub/sub on a dedicated connection (a subscribed connection cannot run other commands). Keeps
/// the set of channels and subscribes all of them again after every reconnect. Channel names get
/// the key prefix, like <see cref="RedisConnection.PublishAsync(string, ReadOnlyMemory{byte}, CancellationToken)"/>.
/// Handlers run on the connection's read loop: keep them short and non-blocking.
/// </summary>
public sealed class RedisSubscriber : IAsyncDisposable
{
    private readonly RedisLink _link;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Action<string, ReadOnlyMemory<byte>>[]> _handlers = new(StringComparer.Ordinal);
    private readonly string _keyPrefix;
    private readonly TimeSpan _commandTimeout;
    private readonly Timer _heartbeat;
    private long _channelsVersion;
    private long _subscribedVersion = -1;

    /// <summary>Creates a subscriber (connects on the first subscription or <see cref="ConnectAsync"/>).</summary>
    /// <param name="options">Options; <see cref="RedisOptions.Configuration"/> must be set.</param>
    /// <param name="logger">Logger.</param>
    /// <exception cref="FormatException">The configuration string is invalid.</exception>
    public RedisSubscriber(RedisOptions options, ILogger<RedisSubscriber>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = RedisEndpointConfiguration.Parse(options.Configuration);
        _keyPrefix = configuration.KeyPrefix;
        _commandTimeout = configuration.SyncTimeout;
        _logger = logger ?? NullLogger<RedisSubscriber>.Instance;
        _link = new RedisLink(configuration, options, "subscriber", _logger, OnMessage, SubscribeAllAsync);
        _link.Connected += OnConnected;
        _link.Disconnected += failure => Disconnected?.Invoke(this, new RedisDisconnectedEventArgs(failure));
        _heartbeat = new Timer(static state => ((RedisSubscriber)state!).SendHeartbeat(), this, options.SubscriberHeartbeat, options.SubscriberHeartbeat);
    }

    /// <summary>Raised after the connection is (re)established and every channel is subscribed again.
    /// Messages published while disconnected are lost: use this to drop state they would have changed.</summary>
    public event EventHandler? Connected;

    /// <summary>Raised when the connection drops; a reconnect is already under way.</summary>
    public event EventHandler<RedisDisconnectedEventArgs>? Disconnected;

    /// <summary>True while subscribed on a live connection.</summary>
    public bool IsConnected => _link.Current is { IsFailed: false };

    /// <summary>Connects and subscribes the registered channels now.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when connected (or fails; reconnecting continues in the background).</returns>
    public Task ConnectAsync(CancellationToken cancellationToken) => _link.ConnectAsync(cancellationToken);

    /// <summary>
    /// Registers <paramref name="handler"/> for <paramref name="channel"/> and subscribes. The
    /// registration is kept even when this call fails because Redis is down: the channel is
    /// subscribed as soon as the connection returns.
    /// </summary>
    /// <param name="channel">Channel name without the key prefix.</param>
    /// <param name="handler">Called with (channel, payload) for every message.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the server confirmed the subscription.</returns>
    public async Task SubscribeAsync(string channel, Action<string, ReadOnlyMemory<byte>> handler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers[channel] = _handlers.TryGetValue(channel, out var existing) ? [.. existing, handler] : [handler];
            _channelsVersion++;
        }

        var connection = await _link.GetConnectedAsync(cancellationToken);
        await connection.Send(RedisCommandName.Subscribe, [RedisArg.Key(channel)], _commandTimeout, RedisReplyConverters.Reply, cancellationToken);
    }

    /// <summary>Removes every handler of <paramref name="channel"/> and unsubscribes.</summary>
    /// <param name="channel">Channel name without the key prefix.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the server confirmed.</returns>
    public async Task UnsubscribeAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        lock (_gate)
        {
            _handlers.Remove(channel);
            _channelsVersion++;
        }

        if (_link.Current is { IsFailed: false } connection)
        {
            await connection.Send(RedisCommandName.Unsubscribe, [RedisArg.Key(channel)], _commandTimeout, RedisReplyConverters.Reply, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _heartbeat.DisposeAsync();
        await _link.DisposeAsync();
    }

    private void SendHeartbeat()
    {
        // An unanswered PING times out as the oldest command, which resets the link; the reconnect
        // then subscribes again and raises Connected so listeners drop what they may have missed.
        if (_link.Current is { IsFailed: false } connection)
        {
            _ = connection.Send(RedisCommandName.Ping, [], _commandTimeout, RedisReplyConverters.Reply, CancellationToken.None)
                .ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private async Task SubscribeAllAsync(RedisPhysicalConnection connection, CancellationToken cancellationToken)
    {
        string[] channels;
        long version;
        lock (_gate)
        {
            channels = [.. _handlers.Keys];
            version = _channelsVersion;
        }

        var confirmations = new Task[channels.Length];
        for (var i = 0; i < channels.Length; i++)
        {
            confirmations[i] = connection.Send(RedisCommandName.Subscribe, [RedisArg.Key(channels[i])], _commandTimeout, RedisReplyConverters.Reply, cancellationToken);
        }

        await Task.WhenAll(confirmations);
        Volatile.Write(ref _subscribedVersion, version);
        if (channels.Length > 0)
        {
            RedisLog.Resubscribed(_logger, channels.Length);
        }
    }

    private void OnConnected()
    {
        // A channel registered while the handshake ran may have missed the snapshot: subscribe again.
        long current;
        lock (_gate)
        {
            current = _channelsVersion;
        }

        if (current != Volatile.Read(ref _subscribedVersion) && _link.Current is { } connection)
        {
            _ = SubscribeAllAsync(connection, CancellationToken.None).ContinueWith(
                static (task, state) => RedisLog.EventHandlerFailed((ILogger)state!, "subscriber", task.Exception!),
                _logger,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }

        Connected?.Invoke(this, EventArgs.Empty);
    }

    private void OnMessage(RedisReply message)
    {
        // ["message", channel, payload] or ["pmessage", pattern, channel, payload]
        var elements = message.Elements;
        var channelBytes = elements[^2].Bytes ?? [];
        var payload = elements[^1].Bytes ?? [];
        var channel = Encoding.UTF8.GetString(channelBytes);
        if (_keyPrefix.Length > 0 && channel.StartsWith(_keyPrefix, StringComparison.Ordinal))
        {
            channel = channel[_keyPrefix.Length..];
        }

        Action<string, ReadOnlyMemory<byte>>[]? handlers;
        lock (_gate)
        {
            _handlers.TryGetValue(channel, out handlers);
        }

        foreach (var handler in handlers ?? [])
        {
            try
            {
                handler(channel, payload);
            }
            catch (Exception ex)
            {
                RedisLog.SubscriptionHandlerFailed(_logger, channel, ex);
            }
        }
    }
}
