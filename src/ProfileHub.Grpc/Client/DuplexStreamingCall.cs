using Google.Protobuf;

namespace ProfileHub.Grpc.Client;

/// <summary>A bidirectional-streaming call in progress. Dispose it to cancel (reset) the call if it has not finished.</summary>
/// <typeparam name="TRequest">The request message.</typeparam>
/// <typeparam name="TResponse">The response message.</typeparam>
public sealed class DuplexStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly IDisposable _call;
    private readonly Func<Metadata> _trailers;
    private readonly Func<Status> _status;

    internal DuplexStreamingCall(IDisposable call, IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeaders, Func<Metadata> trailers, Func<Status> status)
    {
        _call = call;
        RequestStream = requestStream;
        ResponseStream = responseStream;
        ResponseHeadersAsync = responseHeaders;
        _trailers = trailers;
        _status = status;
    }

    /// <summary>Where requests are written; call CompleteAsync when done.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The responses; MoveNext throws <see cref="RpcException"/> when the call ends with a non-OK status.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers.</summary>
    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The trailers, once the response stream has ended.</summary>
    /// <returns>The trailers.</returns>
    public Metadata GetTrailers() => _trailers();

    /// <summary>The status, once the response stream has ended.</summary>
    /// <returns>The status.</returns>
    public Status GetStatus() => _status();

    /// <inheritdoc />
    public void Dispose() => _call.Dispose();
}
