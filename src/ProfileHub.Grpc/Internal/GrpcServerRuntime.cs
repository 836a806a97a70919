using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProfileHub.Grpc.Internal;

/// <summary>What every call needs from the host, resolved once at start-up.</summary>
internal sealed class GrpcServerRuntime
{
    private readonly IGrpcExceptionMapper[] _mappers;

    public GrpcServerRuntime(
        IOptions<GrpcServerOptions> options,
        IEnumerable<IGrpcServerInterceptor> interceptors,
        IEnumerable<IGrpcExceptionMapper> mappers,
        ILogger<GrpcServerRuntime> logger,
        GrpcServiceRegistry registry,
        IHostApplicationLifetime? lifetime = null)
    {
        Options = options.Value;
        if (Options.MaxReceiveMessageSize <= 0 || Options.MaxSendMessageSize <= 0)
        {
            throw new InvalidOperationException("Grpc:MaxReceiveMessageSize and Grpc:MaxSendMessageSize must be positive.");
        }

        if (Options.ResponseCompressionAlgorithm is { } algorithm && algorithm != GrpcProtocol.Gzip)
        {
            throw new InvalidOperationException($"Grpc:ResponseCompressionAlgorithm '{algorithm}' is not supported; use \"gzip\" or leave it empty.");
        }

        Interceptors = [.. interceptors];
        _mappers = [.. mappers];
        Logger = logger;
        Registry = registry;
        ShutdownToken = lifetime?.ApplicationStopping ?? CancellationToken.None;
    }

    public GrpcServerOptions Options { get; }

    public IGrpcServerInterceptor[] Interceptors { get; }

    public ILogger Logger { get; }

    public GrpcServiceRegistry Registry { get; }

    public CancellationToken ShutdownToken { get; }

    /// <summary>The one place exceptions become statuses (see <see cref="IGrpcExceptionMapper"/>).</summary>
    public Status ResolveStatus(Exception exception, ServerCallContext call)
    {
        if (exception is RpcException rpc)
        {
            return rpc.Status;
        }

        if (exception is OperationCanceledException)
        {
            if (call.DeadlinePassed)
            {
                return new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.");
            }

            if (call.GetHttpContext().RequestAborted.IsCancellationRequested)
            {
                return new Status(StatusCode.Cancelled, "Call cancelled by the client.");
            }
        }

        foreach (var mapper in _mappers)
        {
            if (mapper.TryMap(exception, out var status))
            {
                return status;
            }
        }

        if (exception is OperationCanceledException && ShutdownToken.IsCancellationRequested)
        {
            return new Status(StatusCode.Unavailable, "Server is shutting down.");
        }

        return new Status(StatusCode.Internal, $"Internal error; see server log (trace id {TraceIdOf(call)}).");
    }

    /// <summary>The id under which the full exception is logged; the client gets only this.</summary>
    public static string TraceIdOf(ServerCallContext call) =>
        Activity.Current?.TraceId.ToString() ?? call.GetHttpContext().TraceIdentifier;
}
