using Google.Protobuf;

namespace ProfileHub.Grpc.Client;

/// <summary>A client-streaming call in progress. Dispose it to cancel (reset) the call if it has not finished.</summary>
/// <typeparam name="TRequest">The request message.</typeparam>
/// <typeparam name="TResponse">The response message.</typeparam>
public sealed class ClientStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly IDisposable _call;
    private readonly Func<Metadata> _trailers;
    private readonly Func<Status> _status;

    internal ClientStreamingCall(IDisposable call, IClientStreamWriter<TRequest> requestStream, Task<TResponse> response, Task<Metadata> responseHeaders, Func<Metadata> trailers, Func<Status> status)
    {
        _call = call;
        RequestStream = requestStream;
        ResponseAsync = response;
        ResponseHeadersAsync = responseHeaders;
        _trailers = trailers;
        _status = status;
    }

    /// <summary>Where requests are written; call CompleteAsync when done.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The response; faults with <see cref="RpcException"/> on a non-OK status.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The response headers.</summary>
    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The trailers, once the response has arrived.</summary>
    /// <returns>The trailers.</returns>
    public Metadata GetTrailers() => _trailers();

    /// <summary>The status, once the response has arrived.</summary>
    /// <returns>The status.</returns>
    public Status GetStatus() => _status();

    /// <inheritdoc />
    public void Dispose() => _call.Dispose();
}
