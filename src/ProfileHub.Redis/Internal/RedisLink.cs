using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace ProfileHub.Redis.Internal;

/// <summary>
/// Keeps one <see cref="RedisPhysicalConnection"/> alive: connects lazily, authenticates and
/// selects the database, and after a failure reconnects in the background with exponential
/// backoff and jitter. While it is down, callers fail fast instead of queueing.
/// </summary>
internal sealed class RedisLink : IAsyncDisposable
{
    private readonly RedisEndpointConfiguration _configuration;
    private readonly RedisOptions _options;
    private readonly string _role;
    private readonly ILogger _logger;
    private readonly Action<RedisReply>? _pushHandler;
    private readonly Func<RedisPhysicalConnection, CancellationToken, Task>? _afterHandshake;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private RedisPhysicalConnection? _current;
    private Task? _firstConnect;
    private Task _reconnectLoop = Task.CompletedTask;
    private int _reconnecting;

    public RedisLink(
        RedisEndpointConfiguration configuration,
        RedisOptions options,
        string role,
        ILogger logger,
        Action<RedisReply>? pushHandler = null,
        Func<RedisPhysicalConnection, CancellationToken, Task>? afterHandshake = null)
    {
        _configuration = configuration;
        _options = options;
        _role = role;
        _logger = logger;
        _pushHandler = pushHandler;
        _afterHandshake = afterHandshake;
        Endpoint = $"{configuration.Host}:{configuration.Port}";
    }

    public event Action? Connected;

    public event Action<Exception>? Disconnected;

    public string Endpoint { get; }

    public RedisPhysicalConnection? Current => Volatile.Read(ref _current);

    public bool IsDisposed => _disposed.IsCancellationRequested;

    /// <summary>Starts (once) and awaits the first connection attempt; a failure keeps retrying in the background.</summary>
    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (Current is { IsFailed: false })
        {
            return Task.CompletedTask;
        }

        Task first;
        lock (_gate)
        {
            first = _firstConnect ??= FirstConnectAsync();
        }

        return first.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The live connection, or null when the caller must wait for the first connection attempt.
    /// Throws <see cref="RedisConnectionException"/> (fail fast) while reconnecting.
    /// </summary>
    public RedisPhysicalConnection? TryGetConnected()
    {
        var current = Volatile.Read(ref _current);
        if (current is not null)
        {
            return current;
        }

        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var first = Volatile.Read(ref _firstConnect);
        if (first is null || !first.IsCompleted)
        {
            return null;
        }

        throw new RedisConnectionException($"Redis {_role} is not connected to {Endpoint}; reconnecting in the background.");
    }

    public async ValueTask<RedisPhysicalConnection> GetConnectedAsync(CancellationToken cancellationToken)
    {
        var connected = TryGetConnected();
        if (connected is not null)
        {
            return connected;
        }

        await ConnectAsync(cancellationToken);
        return Volatile.Read(ref _current)
            ?? throw new RedisConnectionException($"Redis {_role} is not connected to {Endpoint}; reconnecting in the background.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync();
        var current = Interlocked.Exchange(ref _current, null);
        if (current is not null)
        {
            await current.DisposeAsync();
        }

        try
        {
            await _reconnectLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // The loop stops at its next await; nothing more to wait for.
        }

        _disposed.Dispose();
    }

    private async Task FirstConnectAsync()
    {
        try
        {
            var connection = await OpenAsync(_disposed.Token);
            Publish(connection);
        }
        catch (Exception) when (!_disposed.IsCancellationRequested)
        {
            StartReconnecting();
            throw;
        }
    }

    private async Task<RedisPhysicalConnection> OpenAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_configuration.ConnectTimeout);
        RedisPhysicalConnection? connection = null;
        try
        {
            connection = await RedisPhysicalConnection.OpenAsync(_configuration, _options.CertificateValidation, _pushHandler, timeout.Token);
            await HandshakeAsync(connection, timeout.Token);
            if (_afterHandshake is not null)
            {
                await _afterHandshake(connection, timeout.Token);
            }

            return connection;
        }
        catch (Exception ex) when (connection is not null || ex is not RedisException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            throw ex switch
            {
                RedisServerException => ex,
                OperationCanceledException when !cancellationToken.IsCancellationRequested => new RedisConnectionException(
                    $"Connecting to Redis at {Endpoint} timed out after {(long)_configuration.ConnectTimeout.TotalMilliseconds} ms.", ex),
                OperationCanceledException => ex,
                SocketException or IOException or AuthenticationException or RedisException => new RedisConnectionException(
                    $"Could not connect to Redis at {Endpoint}: {ex.Message}", ex),
                _ => ex,
            };
        }
    }

    private async Task HandshakeAsync(RedisPhysicalConnection connection, CancellationToken cancellationToken)
    {
        var timeout = _configuration.ConnectTimeout;
        var steps = new List<Task>(3);
        if (_configuration.Password is not null)
        {
            steps.Add(_configuration.User is null
                ? connection.Send(RedisCommandName.Auth, [RedisArg.Value(_configuration.Password)], timeout, RedisReplyConverters.Ok, cancellationToken)
                : connection.Send(RedisCommandName.Auth, [RedisArg.Value(_configuration.User), RedisArg.Value(_configuration.Password)], timeout, RedisReplyConverters.Ok, cancellationToken));
        }

        if (_configuration.DefaultDatabase != 0)
        {
            steps.Add(connection.Send(RedisCommandName.Select, [RedisArg.Value(_configuration.DefaultDatabase)], timeout, RedisReplyConverters.Ok, cancellationToken));
        }

        // Naming the client only helps operators (CLIENT LIST); a server that refuses it is still usable.
        var setName = connection.Send(
            RedisCommandName.Client, [RedisArg.Value("SETNAME"), RedisArg.Value(_configuration.ClientName)], timeout, RedisReplyConverters.Reply, cancellationToken);
        foreach (var step in steps)
        {
            await step;
        }

        try
        {
            await setName;
        }
        catch (RedisServerException ex) when (ex.Prefix is not ("NOAUTH" or "WRONGPASS" or "NOPERM"))
        {
            // A proxy or an old server that does not know CLIENT SETNAME is still a usable server.
        }
    }

    private void Publish(RedisPhysicalConnection connection)
    {
        connection.Failed += OnConnectionFailed;
        Volatile.Write(ref _current, connection);
        if (_disposed.IsCancellationRequested)
        {
            Interlocked.CompareExchange(ref _current, null, connection);
            _ = connection.DisposeAsync().AsTask();
            return;
        }

        if (connection.IsFailed)
        {
            OnConnectionFailed(connection, new RedisConnectionException($"Redis connection to {Endpoint} failed right after connecting."));
            return;
        }

        RedisLog.Connected(_logger, _role, Endpoint);
        Raise(Connected);
    }

    private void OnConnectionFailed(RedisPhysicalConnection connection, Exception reason)
    {
        if (Interlocked.CompareExchange(ref _current, null, connection) != connection)
        {
            return;
        }

        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        RedisLog.ConnectionLost(_logger, _role, Endpoint, reason);
        try
        {
            Disconnected?.Invoke(reason);
        }
        catch (Exception ex)
        {
            RedisLog.EventHandlerFailed(_logger, _role, ex);
        }

        StartReconnecting();
    }

    private void StartReconnecting()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _reconnecting, 1) == 1)
        {
            return;
        }

        _reconnectLoop = Task.Run(ReconnectLoopAsync);
    }

    private async Task ReconnectLoopAsync()
    {
        var backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        var attempt = 0;
        var delay = backoff.Next(attempt);
        while (!_disposed.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _disposed.Token);
                var connection = await OpenAsync(_disposed.Token);
                Volatile.Write(ref _reconnecting, 0);
                Publish(connection);
                return;
            }
            catch (Exception) when (_disposed.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                attempt++;
                delay = backoff.Next(attempt);
                RedisLog.ReconnectFailed(_logger, _role, attempt, Endpoint, (long)delay.TotalMilliseconds, ex);
            }
        }

        Volatile.Write(ref _reconnecting, 0);
    }

    private void Raise(Action? handler)
    {
        try
        {
            handler?.Invoke();
        }
        catch (Exception ex)
        {
            RedisLog.EventHandlerFailed(_logger, _role, ex);
        }
    }
}
