using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using ProfileHub.Grpc.Internal;

namespace ProfileHub.Grpc;

/// <summary>Everything a handler or interceptor knows about the call in progress.</summary>
public sealed class ServerCallContext
{
    private readonly HttpContext _httpContext;
    private readonly CancellationTokenSource? _cancellation;
    private readonly CancellationTokenSource? _deadlineTimer;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Dictionary<object, object?>? _items;

    internal ServerCallContext(HttpContext httpContext, string method, GrpcServerRuntime runtime, bool cancelOnShutdown)
    {
        _httpContext = httpContext;
        Method = method;
        Runtime = runtime;
        Deadline = DateTime.MaxValue;
        var timeoutHeader = httpContext.Request.Headers[GrpcProtocol.TimeoutHeader];
        var timeout = TimeSpan.Zero;
        var hasTimeout = timeoutHeader.Count > 0 && GrpcTimeout.TryParse(timeoutHeader[0], out timeout);
        if (!hasTimeout && !cancelOnShutdown)
        {
            // The common unary case: no timer, no linked source, no allocation.
            CancellationToken = httpContext.RequestAborted;
            return;
        }

        var shutdown = cancelOnShutdown ? runtime.ShutdownToken : CancellationToken.None;
        if (hasTimeout)
        {
            var now = DateTime.UtcNow;
            Deadline = timeout >= DateTime.MaxValue - now ? DateTime.MaxValue : now + timeout;
            // CancelAfter accepts at most ~49 days; a longer deadline is as good as none.
            _deadlineTimer = timeout.TotalMilliseconds < uint.MaxValue - 1 ? new CancellationTokenSource(timeout) : new CancellationTokenSource();
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, _deadlineTimer.Token, shutdown);
        }
        else
        {
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, shutdown);
        }

        CancellationToken = _cancellation.Token;
    }

    /// <summary>The full method name, "/package.Service/Method".</summary>
    public string Method { get; }

    /// <summary>The call's deadline in UTC (from grpc-timeout); <see cref="DateTime.MaxValue"/> when there is none.</summary>
    public DateTime Deadline { get; }

    /// <summary>
    /// Cancelled when the deadline passes, the client resets the call, or the server shuts down: streaming calls
    /// are cancelled as soon as the application starts stopping, unary calls are left to drain and are only
    /// cancelled if Kestrel's shutdown timeout aborts them.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Request metadata (protocol headers such as content-type, te and grpc-* excluded).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= HeaderMetadata.FromRequest(_httpContext.Request.Headers);

    /// <summary>Metadata sent as trailers (or in the trailers-only response) when the call ends.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    /// <summary>The status sent when the handler returns normally; set it to end a streaming call with an error without throwing.</summary>
    public Status Status { get; set; } = Status.DefaultSuccess;

    /// <summary>The client's address, e.g. "ipv4:127.0.0.1:51234" or "ipv6:[::1]:51234".</summary>
    public string Peer => FormatPeer(_httpContext.Connection.RemoteIpAddress, _httpContext.Connection.RemotePort);

    /// <summary>State shared by interceptors and the handler for this call.</summary>
    public IDictionary<object, object?> Items => _items ??= [];

    internal GrpcServerRuntime Runtime { get; }

    /// <summary>Response headers were written or committed (the response is no longer trailers-only).</summary>
    internal bool HeadersCommitted { get; set; }

    /// <summary>Encoding of request messages ("gzip") or null for identity.</summary>
    internal string? RequestEncoding { get; set; }

    /// <summary>Encoding of response messages ("gzip") or null for identity.</summary>
    internal string? ResponseEncoding { get; set; }

    internal bool HasResponseTrailers => _responseTrailers is { Count: > 0 };

    internal bool DeadlinePassed => _deadlineTimer?.IsCancellationRequested == true || (Deadline != DateTime.MaxValue && DateTime.UtcNow >= Deadline);

    /// <summary>The underlying ASP.NET Core request (for the authenticated user, connection details, features).</summary>
    /// <returns>The HTTP context of the call.</returns>
    public HttpContext GetHttpContext() => _httpContext;

    /// <summary>Sends the response headers now, with extra metadata. Can be called once, before the first message.</summary>
    /// <param name="responseHeaders">Metadata to send as response headers.</param>
    /// <returns>Completes when the headers are flushed.</returns>
    /// <exception cref="InvalidOperationException">Headers were already sent.</exception>
    public async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (HeadersCommitted)
        {
            throw new InvalidOperationException("Response headers were already sent for this call.");
        }

        HeaderMetadata.AddToHeaders(responseHeaders, _httpContext.Response.Headers);
        GrpcResponseWriter.CommitHeaders(this);
        await _httpContext.Response.BodyWriter.FlushAsync(CancellationToken);
    }

    internal void ReleaseCancellation()
    {
        _cancellation?.Dispose();
        _deadlineTimer?.Dispose();
    }

    private static string FormatPeer(IPAddress? address, int port)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"ipv6:[{address}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"ipv4:{address}:{port}");
    }
}
