using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace ProfileHub.Redis.Internal;

/// <summary>
/// One socket to the server. Any number of callers write commands into one outgoing pipe (under a
/// short lock, which also fixes their place in the reply queue); a writer loop sends whatever has
/// accumulated in one go; a reader loop parses replies and completes callers in order.
/// </summary>
internal sealed class RedisPhysicalConnection : IAsyncDisposable
{
    private const int CoalesceBufferSize = 64 * 1024;
    private static readonly TimeSpan TimeoutScanInterval = TimeSpan.FromMilliseconds(20);

    private readonly Stream _stream;
    private readonly Pipe _outgoing;
    private readonly PipeReader _incoming;
    private readonly PendingReplyQueue _pending = new();
    private readonly Lock _writeLock = new();
    private readonly byte[] _keyPrefix;
    private readonly string _endpoint;
    private readonly Action<RedisReply>? _pushHandler;
    private readonly CancellationTokenSource _stop = new();
    private Timer? _timeoutTimer;
    private Task _writeLoop = Task.CompletedTask;
    private Task _readLoop = Task.CompletedTask;
    private volatile bool _failed;

    private RedisPhysicalConnection(Stream stream, RedisEndpointConfiguration configuration, Action<RedisReply>? pushHandler)
    {
        _stream = stream;
        _endpoint = $"{configuration.Host}:{configuration.Port}";
        _keyPrefix = Encoding.UTF8.GetBytes(configuration.KeyPrefix);
        _pushHandler = pushHandler;
        // No writer back-pressure: callers are already bounded by their own concurrency, and a
        // non-blocking flush lets a command be written and queued atomically under a plain lock.
        _outgoing = new Pipe(new PipeOptions(
            pauseWriterThreshold: 0,
            minimumSegmentSize: 16 * 1024,
            readerScheduler: PipeScheduler.ThreadPool,
            writerScheduler: PipeScheduler.Inline,
            useSynchronizationContext: false));
        _incoming = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
    }

    /// <summary>Raised once, from whichever loop noticed, when the connection breaks.</summary>
    public event Action<RedisPhysicalConnection, Exception>? Failed;

    public bool IsFailed => _failed;

    public static async Task<RedisPhysicalConnection> OpenAsync(
        RedisEndpointConfiguration configuration,
        RemoteCertificateValidationCallback? certificateValidation,
        Action<RedisReply>? pushHandler,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(configuration.Host, configuration.Port, cancellationToken);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (configuration.Ssl)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = configuration.SslHost ?? configuration.Host,
                        RemoteCertificateValidationCallback = certificateValidation,
                    },
                    cancellationToken);
            }

            var connection = new RedisPhysicalConnection(stream, configuration, pushHandler);
            connection.Start();
            return connection;
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>Writes one command and returns the task that completes with its converted reply.</summary>
    public Task<T> Send<T>(
        RedisCommandName command,
        ReadOnlySpan<RedisArg> args,
        TimeSpan timeout,
        Func<RedisReply, T> convert,
        CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var deadline = timeout < TimeSpan.Zero ? long.MaxValue : Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var pending = new PendingReply<T>(command, deadline, convert);
        lock (_writeLock)
        {
            if (_failed)
            {
                return Task.FromException<T>(new RedisConnectionException($"Redis connection to {_endpoint} is broken; {command.Name} was not sent."));
            }

            var writer = _outgoing.Writer;
            RespWriter.WriteCommand(writer, command, args, _keyPrefix);
            _pending.Enqueue(pending);

            // Completes synchronously: the pipe has no pause threshold. The writer loop picks the bytes up.
            var flush = writer.FlushAsync(CancellationToken.None);
            Debug.Assert(flush.IsCompleted, "A pipe without a pause threshold never blocks the writer.");
            if (flush.IsCompleted)
            {
                flush.GetAwaiter().GetResult();
            }
            else
            {
                _ = flush.AsTask();
            }
        }

        pending.ObserveCancellation(cancellationToken);
        return pending.Task;
    }

    /// <summary>Breaks the connection: every caller still waiting gets <paramref name="reason"/> (wrapped).</summary>
    public void Fail(Exception reason)
    {
        lock (_writeLock)
        {
            if (_failed)
            {
                return;
            }

            _failed = true;
            _outgoing.Writer.Complete();
        }

        _timeoutTimer?.Dispose();
        _stop.Cancel();
        _incoming.CancelPendingRead();
        var forCallers = reason as RedisException
            ?? new RedisConnectionException($"Redis connection to {_endpoint} was lost: {reason.Message}", reason);
        foreach (var orphan in _pending.DrainAll())
        {
            orphan.Fail(forCallers is RedisTimeoutException && !orphan.IsCompleted
                ? new RedisConnectionException($"Redis connection to {_endpoint} was reset because an earlier command timed out; {orphan.Command.Name} got no reply.", forCallers)
                : forCallers);
        }

        // The stream is disposed so a loop blocked in a socket call wakes up.
        _stream.Dispose();
        Failed?.Invoke(this, reason);
    }

    public async ValueTask DisposeAsync()
    {
        Fail(new RedisConnectionException($"Redis connection to {_endpoint} was closed by the client."));
        try
        {
            await Task.WhenAll(_writeLoop, _readLoop).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The loops end with the socket; their failures were already reported through Fail.
        }

        _stop.Dispose();
    }

    private void Start()
    {
        _writeLoop = Task.Run(WriteLoopAsync);
        _readLoop = Task.Run(ReadLoopAsync);
        _timeoutTimer = new Timer(static state => ((RedisPhysicalConnection)state!).ScanTimeouts(), this, TimeoutScanInterval, TimeoutScanInterval);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        var coalesce = ArrayPool<byte>.Shared.Rent(CoalesceBufferSize);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    // Many small commands usually sit in one or two segments; copying them into one
                    // buffer turns a burst from many callers into a single socket write.
                    if (buffer.IsSingleSegment)
                    {
                        await _stream.WriteAsync(buffer.First, _stop.Token);
                    }
                    else if (buffer.Length <= coalesce.Length)
                    {
                        buffer.CopyTo(coalesce);
                        await _stream.WriteAsync(coalesce.AsMemory(0, (int)buffer.Length), _stop.Token);
                    }
                    else
                    {
                        foreach (var segment in buffer)
                        {
                            await _stream.WriteAsync(segment, _stop.Token);
                        }
                    }

                    await _stream.FlushAsync(_stop.Token);
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (!_failed)
        {
            Fail(ex);
        }
        catch (Exception)
        {
            // Already failed: the socket was closed under the loop on purpose.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(coalesce);
            await reader.CompleteAsync();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _incoming.ReadAsync(_stop.Token);
                if (result.IsCanceled || _failed)
                {
                    return;
                }

                var buffer = result.Buffer;
                var consumed = DispatchReplies(buffer);
                _incoming.AdvanceTo(consumed, buffer.End);
                if (result.IsCompleted)
                {
                    Fail(new RedisConnectionException($"Redis server at {_endpoint} closed the connection."));
                    return;
                }
            }
        }
        catch (Exception ex) when (!_failed)
        {
            Fail(ex);
        }
        catch (Exception)
        {
            // Already failed: the socket was closed under the loop on purpose.
        }
        finally
        {
            await _incoming.CompleteAsync();
        }
    }

    private SequencePosition DispatchReplies(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (true)
        {
            var start = reader;
            if (!RespParser.TryParse(ref reader, out var reply))
            {
                return start.Position;
            }

            if (_pushHandler is not null && IsPushMessage(reply))
            {
                _pushHandler(reply);
                continue;
            }

            var pending = _pending.Dequeue();
            if (pending is null)
            {
                throw new RedisProtocolException("Received a reply with no command waiting for it; the reply stream is out of sync.");
            }

            pending.Complete(reply);
        }
    }

    private static bool IsPushMessage(in RedisReply reply)
    {
        if (reply.Kind != RedisReplyKind.Array || reply.Elements.Count < 3)
        {
            return false;
        }

        var kind = reply.Elements[0];
        return kind.Kind == RedisReplyKind.BulkString
            && (kind.Bytes.AsSpan().SequenceEqual("message"u8) || kind.Bytes.AsSpan().SequenceEqual("pmessage"u8));
    }

    private void ScanTimeouts()
    {
        var oldestTimedOut = _pending.ExpireOverdue(Environment.TickCount64, _endpoint);
        if (oldestTimedOut is not null)
        {
            Fail(oldestTimedOut);
        }
    }
}
