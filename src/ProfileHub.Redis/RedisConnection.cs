using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProfileHub.Redis.Internal;

namespace ProfileHub.Redis;

/// <summary>
/// One multiplexed, pipelined connection to a Redis endpoint, shared by every caller (register it
/// as a singleton). Commands from concurrent callers go out on one socket in batches and replies
/// are matched to callers in order. Connects lazily on first use, reconnects by itself with
/// backoff, and fails commands fast with <see cref="RedisConnectionException"/> while it is down.
/// Every key (and channel) is sent with <see cref="RedisEndpointConfiguration.KeyPrefix"/> in front.
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly RedisLink _link;

    /// <summary>Creates a connection (not yet connected: the first command or <see cref="ConnectAsync(CancellationToken)"/> connects).</summary>
    /// <param name="options">Options; <see cref="RedisOptions.Configuration"/> must be set.</param>
    /// <param name="logger">Logger for connection state changes.</param>
    /// <exception cref="FormatException">The configuration string is invalid.</exception>
    public RedisConnection(RedisOptions options, ILogger<RedisConnection>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Configuration = RedisEndpointConfiguration.Parse(options.Configuration);
        _link = new RedisLink(Configuration, options, "connection", logger ?? NullLogger<RedisConnection>.Instance);
        _link.Connected += () => Connected?.Invoke(this, EventArgs.Empty);
        _link.Disconnected += failure => Disconnected?.Invoke(this, new RedisDisconnectedEventArgs(failure));
    }

    /// <summary>Raised after the connection is (re)established and authenticated.</summary>
    public event EventHandler? Connected;

    /// <summary>Raised when the connection drops; a reconnect is already under way.</summary>
    public event EventHandler<RedisDisconnectedEventArgs>? Disconnected;

    /// <summary>The parsed endpoint configuration.</summary>
    public RedisEndpointConfiguration Configuration { get; }

    /// <summary>True while a live, authenticated socket is available.</summary>
    public bool IsConnected => _link.Current is { IsFailed: false };

    /// <summary>Creates a connection and connects it.</summary>
    /// <param name="options">Options; <see cref="RedisOptions.Configuration"/> must be set.</param>
    /// <param name="logger">Logger for connection state changes.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The connection. If the first attempt fails and <c>abortConnect=false</c>, it is returned
    /// disconnected and keeps reconnecting in the background; otherwise the failure is thrown.</returns>
    public static async Task<RedisConnection> ConnectAsync(RedisOptions options, ILogger<RedisConnection>? logger = null, CancellationToken cancellationToken = default)
    {
        var connection = new RedisConnection(options, logger);
        try
        {
            await connection.ConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException || ex is OperationCanceledException)
        {
            if (connection.Configuration.AbortConnect || ex is OperationCanceledException)
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        return connection;
    }

    /// <summary>Connects now (instead of on first use) and waits for the first attempt.</summary>
    /// <param name="cancellationToken">Cancels the wait; the attempt itself is bounded by <c>connectTimeout</c>.</param>
    /// <returns>A task that completes when connected, or fails with the reason of the failed attempt
    /// (reconnecting then continues in the background).</returns>
    public Task ConnectAsync(CancellationToken cancellationToken) => _link.ConnectAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _link.DisposeAsync();

    /// <summary>Sends a command with the default command timeout (<c>syncTimeout</c>).</summary>
    internal Task<T> Send<T>(RedisCommandName command, Func<RedisReply, T> convert, CancellationToken cancellationToken, params ReadOnlySpan<RedisArg> args) =>
        Send(command, convert, Configuration.SyncTimeout, cancellationToken, args);

    /// <summary>Sends a command with an explicit timeout (the cache uses a short one for reads).</summary>
    internal Task<T> Send<T>(RedisCommandName command, Func<RedisReply, T> convert, TimeSpan timeout, CancellationToken cancellationToken, params ReadOnlySpan<RedisArg> args)
    {
        RedisPhysicalConnection? connection;
        try
        {
            connection = _link.TryGetConnected();
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            return Task.FromException<T>(ex);
        }

        return connection is null
            ? SendAfterConnectingAsync(command, convert, timeout, args.ToArray(), cancellationToken)
            : connection.Send(command, args, timeout, convert, cancellationToken);
    }

    private async Task<T> SendAfterConnectingAsync<T>(RedisCommandName command, Func<RedisReply, T> convert, TimeSpan timeout, RedisArg[] args, CancellationToken cancellationToken)
    {
        var connection = await _link.GetConnectedAsync(cancellationToken);
        return await connection.Send(command, args, timeout, convert, cancellationToken);
    }
}
