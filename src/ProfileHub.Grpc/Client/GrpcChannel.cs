using System.Net;
using System.Net.Security;
using Google.Protobuf;
using ProfileHub.Grpc.Internal;

namespace ProfileHub.Grpc.Client;

/// <summary>
/// A connection pool to one gRPC server over HTTP/2: cleartext with prior knowledge (h2c) for http://,
/// TLS with ALPN h2 for https://. Opens further connections when a connection's stream limit is reached.
/// Thread-safe; create one per server and reuse it.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private GrpcChannel(Uri address, GrpcChannelOptions options, HttpMessageInvoker invoker)
    {
        Address = address;
        Options = options;
        Invoker = invoker;
    }

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>A channel whose HTTP/2 exchanges go through <paramref name="invoker"/> (tests stand in for a server with it).</summary>
    internal static GrpcChannel ForInvoker(Uri address, GrpcChannelOptions options, HttpMessageInvoker invoker) => new(address, options, invoker);

    /// <summary>Creates a channel to <paramref name="address"/> ("http://host:port" or "https://host:port").</summary>
    /// <param name="address">The server address.</param>
    /// <param name="options">Channel options.</param>
    /// <returns>The channel.</returns>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address ?? throw new ArgumentNullException(nameof(address))), options);

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    /// <param name="address">The server address.</param>
    /// <param name="options">Channel options.</param>
    /// <returns>The channel.</returns>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' must use http:// or https://.", nameof(address));
        }

        options ??= new GrpcChannelOptions();
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = options.ConnectTimeout,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        if (address.Scheme == Uri.UriSchemeHttps)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = options.RemoteCertificateValidationCallback,
                ApplicationProtocols = [SslApplicationProtocol.Http2],
            };
            if (options.ClientCertificate is { } certificate)
            {
                handler.SslOptions.ClientCertificates = [certificate];
            }
        }

        return new GrpcChannel(address, options, new HttpMessageInvoker(handler, disposeHandler: true));
    }

    /// <summary>Calls a unary method.</summary>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">Call options.</param>
    /// <returns>The response; faults with <see cref="RpcException"/> on a non-OK status.</returns>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var result = await UnaryCallAsync(method, request, options).ConfigureAwait(false);
        return result.Response;
    }

    /// <summary>Calls a unary method and returns the response with its headers, trailers and status.</summary>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">Call options.</param>
    /// <returns>The result; faults with <see cref="RpcException"/> on a non-OK status.</returns>
    public async Task<UnaryCallResult<TResponse>> UnaryCallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        using var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(request);
        var response = await ReadSingleAsync(call).ConfigureAwait(false);
        var headers = await call.ResponseHeadersAsync.ConfigureAwait(false);
        return new UnaryCallResult<TResponse>(response, headers, call.GetTrailers(), call.GetStatus());
    }

    /// <summary>Starts a server-streaming call.</summary>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">Call options.</param>
    /// <returns>The call.</returns>
    public ServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(request);
        return new ServerStreamingCall<TResponse>(call, new ClientResponseStreamReader<TRequest, TResponse>(call), call.ResponseHeadersAsync, call.GetTrailers, call.GetStatus);
    }

    /// <summary>Starts a client-streaming call.</summary>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="options">Call options.</param>
    /// <returns>The call.</returns>
    public ClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(null);
        return new ClientStreamingCall<TRequest, TResponse>(call, new ClientRequestStreamWriter<TRequest, TResponse>(call), ReadSingleAsync(call), call.ResponseHeadersAsync, call.GetTrailers, call.GetStatus);
    }

    /// <summary>Starts a bidirectional-streaming call.</summary>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="options">Call options.</param>
    /// <returns>The call.</returns>
    public DuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(null);
        return new DuplexStreamingCall<TRequest, TResponse>(call, new ClientRequestStreamWriter<TRequest, TResponse>(call), new ClientResponseStreamReader<TRequest, TResponse>(call), call.ResponseHeadersAsync, call.GetTrailers, call.GetStatus);
    }

    /// <inheritdoc />
    public void Dispose() => Invoker.Dispose();

    private static async Task<TResponse> ReadSingleAsync<TRequest, TResponse>(ClientCall<TRequest, TResponse> call)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var (read, response) = await call.ReadNextAsync(CancellationToken.None).ConfigureAwait(false);
        if (!read)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The server ended the call with OK but sent no response message."), call.GetTrailers());
        }

        var (extra, _) = await call.ReadNextAsync(CancellationToken.None).ConfigureAwait(false);
        if (extra)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The server sent more than one response message for a unary call."));
        }

        return response!;
    }
}
