using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Grpc.Internal;

/// <summary>One client call over one HTTP/2 stream: request, response headers, messages, trailers, status.</summary>
internal sealed class ClientCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cancellation;
    private CancellationTokenSource? _deadlineTimer;
    private readonly byte[] _header = new byte[GrpcProtocol.HeaderSize];
    private Task<HttpResponseMessage>? _send;
    private Task<Metadata>? _responseHeaders;
    private HttpResponseMessage? _response;
    private Stream? _responseStream;
    private PushStreamContent? _requestContent;
    private CancellationTokenSource? _writeCancellation;
    private Metadata? _trailers;
    private Status? _status;
    private bool _writing;

    public ClientCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
    }

    public Task<Metadata> ResponseHeadersAsync => _responseHeaders ??= ReadResponseHeadersAsync();

    /// <summary>Starts the call; <paramref name="request"/> null means the request is a stream written later.</summary>
    public void Start(TRequest? request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var headers = message.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        headers.TryAddWithoutValidation("user-agent", "profilehub-grpc-dotnet/1.0");
        if (_options.WriteGzip)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.Gzip);
        }

        if (_options.Deadline is { } deadline)
        {
            var remaining = deadline.ToUniversalTime() - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                _status = new Status(StatusCode.DeadlineExceeded, "Deadline exceeded before the call started.");
                _trailers = new Metadata();
                _send = Task.FromException<HttpResponseMessage>(new RpcException(_status.Value));
                return;
            }

            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(remaining));
            if (remaining.TotalMilliseconds < uint.MaxValue - 1)
            {
                // A timer of its own, so a cancellation can be told apart from the deadline without comparing clocks.
                _deadlineTimer = new CancellationTokenSource(remaining);
                _deadlineTimer.Token.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _cancellation);
            }
        }

        if (_options.Headers is { } metadata)
        {
            HeaderMetadata.AddToHttp(metadata, headers);
        }

        if (request is null)
        {
            _requestContent = new PushStreamContent();
            message.Content = _requestContent;
        }
        else
        {
            var content = new ByteArrayContent(Frame(request));
            content.Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
            message.Content = content;
        }

        _send = _channel.Invoker.SendAsync(message, _cancellation.Token);
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_status is { } finished)
        {
            throw new RpcException(finished, _trailers ?? []);
        }

        if (_writing)
        {
            throw new InvalidOperationException("A write is already in progress; writes must not overlap.");
        }

        _writing = true;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellation.Token);
        Volatile.Write(ref _writeCancellation, linked);
        try
        {
            if (_status is not null)
            {
                // The call finished between the check above and publishing this write's cancellation.
                await linked.CancelAsync().ConfigureAwait(false);
            }

            var stream = await _requestContent!.GetStreamAsync(linked.Token).ConfigureAwait(false);
            await stream.WriteAsync(Frame(message), linked.Token).ConfigureAwait(false);
            await stream.FlushAsync(linked.Token).ConfigureAwait(false);
        }
        // ObjectDisposedException derives from InvalidOperationException but means the server already
        // ended the call (its request stream was torn down): surface the server's status instead.
        catch (Exception ex) when (ex is not RpcException && (ex is not InvalidOperationException || ex is ObjectDisposedException))
        {
            if (_status is { Code: StatusCode.OK })
            {
                throw new InvalidOperationException("The call already finished with OK: the server did not read this message.", ex);
            }

            await AwaitServerStatusAsync().ConfigureAwait(false);
            throw await FailureAsync(ex).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writeCancellation, null);
            _writing = false;
        }
    }

    /// <summary>
    /// A write fails when the server already ended the call (for example an oversize message answered with
    /// RESOURCE_EXHAUSTED); wait briefly for that answer so the caller sees the server's status, not a reset.
    /// </summary>
    private async Task AwaitServerStatusAsync()
    {
        if (_options.CancellationToken.IsCancellationRequested || _deadlineTimer?.IsCancellationRequested == true)
        {
            return;
        }

        try
        {
            await ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or TimeoutException)
        {
            // No status from the server in time: the write failure itself becomes the status.
        }
    }

    public Task CompleteRequestAsync()
    {
        _requestContent?.Complete();
        return Task.CompletedTask;
    }

    /// <summary>Reads the next response message; false at the end (after checking the status: non-OK throws).</summary>
    public async Task<(bool Read, TResponse? Message)> ReadNextAsync(CancellationToken cancellationToken)
    {
        await ResponseHeadersAsync.ConfigureAwait(false);
        if (_responseStream is null)
        {
            ThrowIfFailed();
            return (false, null);
        }

        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellation.Token) : null;
        var token = linked?.Token ?? _cancellation.Token;
        try
        {
            var read = await ReadAtLeastOrEndAsync(_header, token).ConfigureAwait(false);
            if (read == 0)
            {
                FinishFromTrailers();
                ThrowIfFailed();
                return (false, null);
            }

            if (read < GrpcProtocol.HeaderSize)
            {
                throw new RpcException(new Status(StatusCode.Internal, "Response ended in the middle of a message header."));
            }

            var compressed = _header[0] == 1;
            var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(1));
            if (length > (uint)_channel.Options.MaxReceiveMessageSize)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Received message exceeds the maximum configured message size ({length} > {_channel.Options.MaxReceiveMessageSize} bytes)."));
            }

            var payload = new byte[length];
            await _responseStream.ReadExactlyAsync(payload, token).ConfigureAwait(false);
            if (compressed)
            {
                payload = GzipCodec.Decompress(new System.Buffers.ReadOnlySequence<byte>(payload), _channel.Options.MaxReceiveMessageSize);
            }

            return (true, _method.ResponseParser.ParseFrom(payload));
        }
        catch (RpcException ex)
        {
            Finish(ex.Status, ex.Trailers);
            throw;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or EndOfStreamException or InvalidProtocolBufferException)
        {
            throw await FailureAsync(ex).ConfigureAwait(false);
        }
    }

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("Trailers are available once the call has finished.");

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The status is available once the call has finished.");

    public void Dispose()
    {
        if (_status is null)
        {
            // Disposing an unfinished call resets the HTTP/2 stream: the server sees a client cancellation.
            _status = new Status(StatusCode.Cancelled, "Call disposed before it finished.");
            _trailers = [];
            _cancellation.Cancel();
        }

        _requestContent?.Abort();
        _responseStream?.Dispose();
        _response?.Dispose();
        _deadlineTimer?.Dispose();
        _cancellation.Dispose();
    }

    private byte[] Frame(TRequest message)
    {
        var size = message.CalculateSize();
        if (_channel.Options.MaxSendMessageSize is { } max && size > max)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({size} > {max} bytes)."));
        }

        if (_options.WriteGzip)
        {
            var compressed = GzipCodec.Compress(message.ToByteArray());
            var gzipFrame = new byte[GrpcProtocol.HeaderSize + compressed.Length];
            GrpcFrame.WriteHeader(gzipFrame, compressed: true, compressed.Length);
            compressed.CopyTo(gzipFrame.AsSpan(GrpcProtocol.HeaderSize));
            return gzipFrame;
        }

        var frame = new byte[GrpcProtocol.HeaderSize + size];
        GrpcFrame.WriteHeader(frame, compressed: false, size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.HeaderSize));
        return frame;
    }

    private async Task<Metadata> ReadResponseHeadersAsync()
    {
        HttpResponseMessage response;
        try
        {
            response = await _send!.ConfigureAwait(false);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            throw await FailureAsync(ex).ConfigureAwait(false);
        }

        _response = response;
        var headers = HeaderMetadata.FromHttp(response.Headers);
        if (ResponseStatusReader.TryGetHeader(response.Headers, GrpcProtocol.StatusHeader, out _))
        {
            // Trailers-only response: the status and trailers came in the headers.
            Finish(ResponseStatusReader.ReadStatus(response.Headers), headers);
            return headers;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            Finish(new Status(ResponseStatusReader.FromHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}."), headers);
            return headers;
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            Finish(new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}."), headers);
            return headers;
        }

        _responseStream = await response.Content.ReadAsStreamAsync(_cancellation.Token).ConfigureAwait(false);
        return headers;
    }

    private async Task<int> ReadAtLeastOrEndAsync(byte[] buffer, CancellationToken token) =>
        await _responseStream!.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, token).ConfigureAwait(false);

    private void FinishFromTrailers()
    {
        var trailing = _response!.TrailingHeaders;
        var trailers = HeaderMetadata.FromHttp(trailing);
        var status = ResponseStatusReader.TryGetHeader(trailing, GrpcProtocol.StatusHeader, out _)
            ? ResponseStatusReader.ReadStatus(trailing)
            : new Status(StatusCode.Internal, "The response ended without a grpc-status trailer.");
        Finish(status, trailers);
    }

    private void Finish(Status status, Metadata trailers)
    {
        if (_status is null)
        {
            _status = status;
            _trailers = trailers;
        }

        _requestContent?.Abort();
        // A server that ends the call early (an oversize message, a failed handler) stops reading the
        // request, and HTTP/2 flow control can then hold a pending write forever: end it here rather
        // than rely on the server resetting the stream.
        try
        {
            Volatile.Read(ref _writeCancellation)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The write finished and released its cancellation meanwhile: nothing is pending.
        }
    }

    private void ThrowIfFailed()
    {
        if (_status is { Code: not StatusCode.OK } status)
        {
            throw new RpcException(status, _trailers ?? []);
        }
    }

    /// <summary>Turns a transport failure into the call's status: deadline, cancellation, or the server's own status.</summary>
    private async Task<RpcException> FailureAsync(Exception exception)
    {
        if (_status is { } known && known.Code != StatusCode.OK)
        {
            return new RpcException(known, _trailers ?? []);
        }

        Status status;
        var deadlinePassed = _deadlineTimer?.IsCancellationRequested == true || (_options.Deadline is { } deadline && DateTime.UtcNow >= deadline.ToUniversalTime());
        if (deadlinePassed && !_options.CancellationToken.IsCancellationRequested)
        {
            status = new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }
        else if (_options.CancellationToken.IsCancellationRequested || exception is OperationCanceledException)
        {
            status = new Status(StatusCode.Cancelled, "Call cancelled.");
        }
        else if (exception is InvalidProtocolBufferException)
        {
            status = new Status(StatusCode.Internal, "Failed to deserialize the response message.");
        }
        else
        {
            status = new Status(StatusCode.Unavailable, "Error talking to the server: " + exception.Message);
        }

        Finish(status, []);
        // Reset the HTTP/2 stream so the server's handler sees the cancellation.
        await _cancellation.CancelAsync().ConfigureAwait(false);
        _responseStream?.Dispose();
        _response?.Dispose();
        return new RpcException(status, _trailers ?? []);
    }
}
